"use client";

import type { Table } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { pageSizes } from "@/lib/data-table/search-params";

/** What the rows are, for "1 user" and "1,024 users". */
export type ItemName = { one: string; other: string };

/** Below a table: how many rows match, which page this is, rows per page, Previous and Next. */
export function DataTablePagination<TData>({ table, itemName }: { table: Table<TData>; itemName: ItemName }) {
  const total = table.getRowCount();
  const { pageIndex, pageSize } = table.getState().pagination;
  const pageCount = Math.max(1, table.getPageCount());
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted-foreground">
        {total === 1 ? `1 ${itemName.one}` : `${total.toLocaleString("en")} ${itemName.other}`} · page {pageIndex + 1} of {pageCount}
      </p>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          Rows per page
          <select
            className="h-8 rounded-md border border-border bg-background px-2"
            value={pageSize}
            onChange={(event) => table.setPageSize(Number(event.target.value))}
          >
            {pageSizes.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <Button variant="outline" size="sm" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
          Previous
        </Button>
        <Button variant="outline" size="sm" disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
          Next
        </Button>
      </div>
    </nav>
  );
}
