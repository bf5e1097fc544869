"use client";

import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { useDataTable } from "@/components/data-table/use-data-table";
import { activitySearchParams } from "@/lib/audit/activity-search-params";
import type { ActivityRow } from "@/lib/audit/list-audit-events";
import { ActionFilter } from "./action-filter";
import { getActivityColumns } from "./columns";

export function ActivityTable({ rows, total }: { rows: ActivityRow[]; total: number }) {
  const columns = useMemo(() => getActivityColumns(), []);
  const { table, params, setView, isPending } = useDataTable({
    data: rows,
    columns,
    rowCount: total,
    getRowId: (row) => row.id,
    searchParams: activitySearchParams,
  });
  return (
    <DataTable
      table={table}
      itemName={{ one: "event", other: "events" }}
      emptyMessage={params.action ? "No events of this kind yet." : "Nothing has happened yet. Invite users and their invitations show up here."}
      isPending={isPending}
    >
      <DataTableToolbar>
        <ActionFilter value={params.action} onChange={(action) => setView({ action })} />
      </DataTableToolbar>
    </DataTable>
  );
}
