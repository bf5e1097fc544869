import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/auth/caller";
import { formatShortDate } from "@/lib/format-date";
import { roleLabels } from "@/lib/users/role-labels";
import { MyOrganizations, type OrganizationRow } from "./my-organizations";

export const metadata: Metadata = { title: "My account" };

/** Where a member lands after signing in: the organizations they belong to, and Leave organization. */
export default async function AccountPage() {
  const caller = await requireSignedIn();
  const rows: OrganizationRow[] = caller.memberships.map((membership) => ({
    organizationId: membership.organizationId,
    organizationName: membership.organizationName,
    role: roleLabels[membership.role],
    // An ADMIN_EMAILS address administers the first organization without a row: nothing to leave.
    joined: membership.joinedAt ? formatShortDate(membership.joinedAt) : null,
    canLeave: membership.memberId !== null,
  }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">My account</h1>
        <p className="mt-1 text-sm text-muted-foreground">{caller.email}</p>
      </div>
      <section aria-labelledby="my-organizations" className="space-y-3">
        <h2 id="my-organizations" className="text-lg font-semibold">
          My organizations
        </h2>
        <MyOrganizations rows={rows} />
      </section>
    </div>
  );
}
