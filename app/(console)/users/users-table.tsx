"use client";

import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useDataTable } from "@/components/data-table/use-data-table";
import type { UserRow } from "@/lib/users/list-users";
import { userSortColumns, usersSearchParams } from "@/lib/users/users-search-params";
import { BulkActions } from "./bulk-actions";
import { getUserColumns } from "./columns";
import { UsersToolbar } from "./users-toolbar";

export function UsersTable({ rows, total }: { rows: UserRow[]; total: number }) {
  const columns = useMemo(() => getUserColumns(), []);
  const { table, params, setView, isPending, clearSelection } = useDataTable({
    data: rows,
    columns,
    rowCount: total,
    getRowId: (row) => row.id,
    searchParams: usersSearchParams,
    sortColumns: userSortColumns,
  });
  const selected = table.getSelectedRowModel().rows.map((row) => row.original);

  return (
    <DataTable
      table={table}
      itemName={{ one: "user", other: "users" }}
      emptyMessage="No users match this search."
      isPending={isPending}
      rowAttributes={(user) => ({ "data-user-id": user.id })}
    >
      <UsersToolbar q={params.q} status={params.status} onChange={setView} />
      <BulkActions selected={selected} onDone={clearSelection} />
    </DataTable>
  );
}
