"use client";

import type { Column } from "@tanstack/react-table";

/**
 * A sortable column's header: a button named after what pressing it does ("Sort by email,
 * ascending"). The table puts aria-sort on the header cell (data-table.tsx).
 */
export function DataTableColumnHeader<TData>({ column, title }: { column: Column<TData>; title: string }) {
  const sorted = column.getIsSorted();
  const next = sorted === "asc" ? "desc" : "asc";
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 hover:text-foreground"
      onClick={() => column.toggleSorting(next === "desc")}
      aria-label={`Sort by ${title.toLowerCase()}, ${next === "asc" ? "ascending" : "descending"}`}
    >
      {title}
      <span aria-hidden="true">{sorted === "asc" ? "↑" : sorted === "desc" ? "↓" : "↕"}</span>
    </button>
  );
}
