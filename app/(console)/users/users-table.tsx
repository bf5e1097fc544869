"use client";

import { flexRender, getCoreRowModel, useReactTable, type RowSelectionState } from "@tanstack/react-table";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRow } from "@/lib/users/list-users";
import { usersSearchParamsToQuery, type UserSortColumn, type UsersSearchParams } from "@/lib/users/users-search-params";
import { BulkActions } from "./bulk-actions";
import { getUserColumns, type SortableHeader } from "./columns";
import { UsersToolbar } from "./users-toolbar";

export function UsersTable({ rows, total, params }: { rows: UserRow[]; total: number; params: UsersSearchParams }) {
  const router = useRouter();
  const pathname = usePathname();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  /** Every view change goes through the URL; the selection is cleared so it always matches what is shown. */
  const navigate = useCallback(
    (change: Partial<UsersSearchParams>) => {
      setRowSelection({});
      router.push(`${pathname}${usersSearchParamsToQuery({ ...params, page: 1, ...change })}`);
    },
    [router, pathname, params],
  );

  const Sortable: SortableHeader = useCallback(
    ({ column, title }: { column: UserSortColumn; title: string }) => {
      const active = params.sort === column;
      const next = active && params.dir === "asc" ? "desc" : "asc";
      return (
        <button
          type="button"
          className="inline-flex items-center gap-1 hover:text-foreground"
          onClick={() => navigate({ sort: column, dir: next })}
          aria-label={`Sort by ${title.toLowerCase()}, ${next === "asc" ? "ascending" : "descending"}`}
        >
          {title}
          <span aria-hidden="true">{active ? (params.dir === "asc" ? "↑" : "↓") : "↕"}</span>
        </button>
      );
    },
    [params.sort, params.dir, navigate],
  );
  const columns = useMemo(() => getUserColumns(Sortable), [Sortable]);

  // TanStack Table keeps its own mutable state; the React Compiler knows to leave this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
  });

  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const pageCount = Math.max(1, Math.ceil(total / params.perPage));

  return (
    <div className="space-y-3">
      <UsersToolbar params={params} onChange={navigate} />
      <BulkActions selected={selected} onDone={() => setRowSelection({})} />
      <Table>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead
                  key={header.id}
                  aria-sort={
                    params.sort === header.id ? (params.dir === "asc" ? "ascending" : "descending") : undefined
                  }
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.length ? (
            table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-user-id={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
                ))}
              </TableRow>
            ))
          ) : (
            <TableRow>
              <TableCell colSpan={columns.length} className="h-24 text-center text-muted-foreground">
                No users match this search.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-muted-foreground">
          {total === 1 ? "1 user" : `${total.toLocaleString("en")} users`} · page {params.page} of {pageCount}
        </p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            Rows per page
            <select
              className="h-8 rounded-md border border-border bg-background px-2"
              value={params.perPage}
              onChange={(event) => navigate({ perPage: Number(event.target.value) })}
            >
              {[10, 25, 50, 100].map((size) => (
                <option key={size}>{size}</option>
              ))}
            </select>
          </label>
          <Button variant="outline" size="sm" disabled={params.page <= 1} onClick={() => navigate({ page: params.page - 1 })}>
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={params.page >= pageCount} onClick={() => navigate({ page: params.page + 1 })}>
            Next
          </Button>
        </div>
      </nav>
    </div>
  );
}
