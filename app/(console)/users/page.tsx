import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { getDb } from "@/db/client";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { requireAdmin } from "@/lib/auth/caller";
import { getUsersTableColumns } from "@/lib/users/admin-preferences";
import { loadUsersPage } from "@/lib/users/users-page-data";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";
import { sendToWatch } from "@/lib/sends/sends";
import { SendFilterNotice } from "../sends/send-filter-notice";
import { SendProgress } from "../sends/send-progress";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const admin = await requireAdmin();
  const params = await parseUsersSearchParams(searchParams);
  const now = new Date();
  const [{ setup, ...page }, optionalColumns, watched] = await Promise.all([
    loadUsersPage(getDb(), admin.organizationId, params, now),
    getUsersTableColumns(getDb(), admin.userId),
    sendToWatch(getDb(), { organizationId: admin.organizationId, userId: admin.userId, now }),
  ]);
  const canInvite = Boolean(setup?.settings);
  const isFiltered = Boolean(params.q || params.status.length || params.send);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Users</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            People invited to {setup?.organization.name ?? "your organization"}, and whether they have enrolled.
          </p>
        </div>
        {canInvite ? (
          <Link href="/users/invite" className={buttonVariants()}>
            Invite user
          </Link>
        ) : null}
      </div>

      {!canInvite ? (
        <Alert>
          Before you can invite users, you must first set up user invitations.{" "}
          <Link href="/settings" className="font-medium underline">
            Set up user invitations
          </Link>
        </Alert>
      ) : null}

      {watched ? <SendProgress key={watched.id} sendId={watched.id} initial={watched.counts} onUsersPage /> : null}

      {params.send ? <SendFilterNotice sendId={params.send} /> : null}

      {page.total === 0 && !isFiltered ? (
        <div className="rounded-lg border border-dashed border-border p-10 text-center">
          <h2 className="text-lg font-medium">No users yet</h2>
          <p className="mt-1 text-sm text-muted-foreground">
            Invite the people of your organization: they receive an email with a link to join.
          </p>
          {canInvite ? (
            <Link href="/users/invite" className={buttonVariants({ className: "mt-4" })}>
              Invite user
            </Link>
          ) : null}
        </div>
      ) : (
        <UsersTable rows={page.rows} total={page.total} optionalColumns={optionalColumns} />
      )}
    </div>
  );
}
