"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/data-table/data-table";
import { useDataTable } from "@/components/data-table/use-data-table";
import { toast } from "sonner";
import { resultOfCall } from "@/lib/actions/failed-call";
import type { UserRow } from "@/lib/users/list-users";
import { inTableOrder, type OptionalUserColumn } from "@/lib/users/optional-columns";
import { userSortColumns, usersExportHref, usersSearchParams } from "@/lib/users/users-search-params";
import { saveUsersTableColumnsAction } from "./actions";
import { BulkActions, type AllMatching } from "./bulk-actions";
import { ColumnsMenu } from "./columns-menu";
import { usersCount } from "./user-names";
import { getUserColumns } from "./columns";
import { UsersToolbar } from "./users-toolbar";

export function UsersTable({ rows, total, optionalColumns }: { rows: UserRow[]; total: number; optionalColumns: OptionalUserColumn[] }) {
  const [shownColumns, setShownColumns] = useState(optionalColumns);
  const columns = useMemo(() => getUserColumns(shownColumns), [shownColumns]);
  const toggleColumn = async (column: OptionalUserColumn, show: boolean) => {
    const before = shownColumns;
    const next = inTableOrder(show ? [...before, column] : before.filter((shown) => shown !== column));
    setShownColumns(next);
    const saved = await resultOfCall(saveUsersTableColumnsAction({ columns: next }));
    if (!saved.ok) {
      setShownColumns(before);
      toast.error(saved.message);
    }
  };
  const { table, params, setView, isPending, clearSelection } = useDataTable({
    data: rows,
    columns,
    rowCount: total,
    getRowId: (row) => row.id,
    searchParams: usersSearchParams,
    sortColumns: userSortColumns,
  });
  const selected = table.getSelectedRowModel().rows.map((row) => row.original);

  // Select all N users: offered once every row of the page is ticked and the view has more. It
  // belongs to the view it was chosen in and lasts while the whole page stays ticked.
  const view = { q: params.q, status: params.status, send: params.send };
  const viewKey = JSON.stringify(view);
  const [allMatchingView, setAllMatchingView] = useState<string | null>(null);
  const wholePageSelected = rows.length > 0 && table.getIsAllPageRowsSelected();
  // Unticking any row ends "all N": ticking the page again offers the choice again.
  if (!wholePageSelected && allMatchingView !== null) setAllMatchingView(null);
  const allMatching: AllMatching | null = wholePageSelected && allMatchingView === viewKey ? { view, count: total } : null;
  const clearAll = () => {
    setAllMatchingView(null);
    clearSelection();
  };

  return (
    <DataTable
      table={table}
      itemName={{ one: "user", other: "users" }}
      emptyMessage="No users match this search."
      isPending={isPending}
      rowAttributes={(user) => ({ "data-user-id": user.id })}
    >
      <UsersToolbar q={params.q} status={params.status} exportHref={usersExportHref(params)} onChange={setView}>
        <ColumnsMenu shown={shownColumns} onToggle={(column, show) => void toggleColumn(column, show)} />
      </UsersToolbar>
      <BulkActions selected={selected} allMatching={allMatching} onDone={clearAll} />
      {wholePageSelected && total > rows.length ? (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm">
          {allMatching ? (
            <>
              <span>All {usersCount(total)} matching this view are selected.</span>
              <Button variant="link" size="sm" onClick={clearAll}>
                Clear selection
              </Button>
            </>
          ) : (
            <>
              <span>All {usersCount(rows.length)} on this page are selected.</span>
              <Button variant="link" size="sm" onClick={() => setAllMatchingView(viewKey)}>
                Select all {usersCount(total)}
              </Button>
            </>
          )}
        </div>
      ) : null}
    </DataTable>
  );
}
