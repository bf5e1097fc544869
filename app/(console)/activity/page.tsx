import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/admin-context";
import { auditActionLabels } from "@/lib/audit/audit-actions";
import { ACTIVITY_PAGE_SIZE, activitySearchParamsSchema, listAuditEvents } from "@/lib/audit/list-audit-events";
import { formatDateTime } from "@/lib/format-date";
import { ActionFilter } from "./action-filter";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin();
  const params = activitySearchParamsSchema.parse(await searchParams);
  const { rows, total } = await listAuditEvents(getDb(), admin.organizationId, params);
  const pageCount = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
  const pageHref = (page: number) => `/activity?${new URLSearchParams({ ...(params.action ? { action: params.action } : {}), page: String(page) })}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Activity</h1>
        <p className="mt-1 text-sm text-muted-foreground">What admins did and who enrolled, newest first.</p>
      </div>
      <ActionFilter value={params.action ?? ""} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-foreground">
          {params.action ? "No events of this kind yet." : "Nothing has happened yet. Invite users and their invitations show up here."}
        </p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>User</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((event) => (
              <TableRow key={event.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(event.createdAt)}</TableCell>
                <TableCell>{event.actorEmail ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap">{auditActionLabels[event.action] ?? event.action}</TableCell>
                <TableCell>{event.targetEmail ?? "—"}</TableCell>
                <TableCell className="text-muted-foreground">{describeDetails(event.details)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        <p className="text-muted-foreground">
          {total === 1 ? "1 event" : `${total.toLocaleString("en")} events`} · page {params.page} of {pageCount}
        </p>
        <div className="flex gap-3">
          {params.page > 1 ? <Link className="underline" href={pageHref(params.page - 1)}>Previous</Link> : null}
          {params.page < pageCount ? <Link className="underline" href={pageHref(params.page + 1)}>Next</Link> : null}
        </div>
      </nav>
    </div>
  );
}

/** "Role: admin · Validity days: 30" — the event's recorded details, minus what the row already shows. */
function describeDetails(details: Record<string, unknown>): string {
  const shown = Object.entries(details)
    .filter(([key, value]) => key !== "email" && value !== null && value !== undefined && value !== "")
    .map(([key, value]) => {
      const label = key.replace(/([A-Z])/g, " $1").toLowerCase();
      return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${String(value)}`;
    });
  return shown.length ? shown.join(" · ") : "—";
}
