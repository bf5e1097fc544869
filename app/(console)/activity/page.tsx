import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/caller";
import { parseActivitySearchParams } from "@/lib/audit/activity-search-params";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ActivityTable } from "./activity-table";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin();
  const params = await parseActivitySearchParams(searchParams);
  const { rows, total } = await listAuditEvents(getDb(), admin.organizationId, params);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Activity</h1>
        <p className="mt-1 text-sm text-muted-foreground">What admins did and who enrolled, newest first.</p>
      </div>
      <ActivityTable rows={rows} total={total} />
    </div>
  );
}
