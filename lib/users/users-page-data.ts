import type { Database } from "@/db/client";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { listUsers } from "./list-users";
import type { UsersSearchParams } from "./users-search-params";

/** Everything the Users page reads, in one place, so the benchmark measures exactly what the page does. */
export async function loadUsersPage(db: Database, organizationId: string, params: UsersSearchParams, now: Date) {
  const [setup, page] = await Promise.all([
    getInvitationSetup(db, organizationId),
    listUsers(db, organizationId, params, now),
  ]);
  return { setup, ...page };
}
