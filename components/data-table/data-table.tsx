"use client";

import { flexRender, type Table as TanstackTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { DataTablePagination, type ItemName } from "./data-table-pagination";

/**
 * A page of a server-side table (see use-data-table.ts): what is above it (children: the toolbar,
 * bulk actions), the rows, and the pagination below. While the next view loads the rows stay, dimmed.
 */
export function DataTable<TData>({
  table,
  itemName,
  emptyMessage,
  isPending = false,
  rowAttributes,
  children,
}: {
  table: TanstackTable<TData>;
  itemName: ItemName;
  /** Shown in place of the rows when none match. */
  emptyMessage: string;
  isPending?: boolean;
  /** data-* attributes of a row's <tr>, such as the id that tests find a row by. */
  rowAttributes?: (row: TData) => Record<`data-${string}`, string>;
  children?: ReactNode;
}) {
  const rows = table.getRowModel().rows;
  return (
    <div className="space-y-3">
      {children}
      <Table aria-busy={isPending} className={cn("transition-opacity", isPending && "opacity-60")}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <TableHead key={header.id} aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}>
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {rows.length ? (
            rows.map((row) => (
              <TableRow key={row.id} {...rowAttributes?.(row.original)} data-state={row.getIsSelected() ? "selected" : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
                ))}
              </TableRow>
            ))
          ) : (
            <TableRow>
              <TableCell colSpan={table.getVisibleLeafColumns().length} className="h-24 text-center text-muted-foreground">
                {emptyMessage}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <DataTablePagination table={table} itemName={itemName} />
    </div>
  );
}
