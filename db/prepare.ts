import { ensureDefaultOrganization } from "@/lib/organizations/invitation-setup";
import type { DatabaseHandle } from "./client";

/** Applies pending migrations and creates the first organization: run when the server starts. */
export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate();
  await ensureDefaultOrganization(handle.db);
}
