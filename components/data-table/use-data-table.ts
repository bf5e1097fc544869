"use client";

import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useQueryStates, type Nullable, type Options, type UseQueryStatesKeysMap, type Values } from "nuqs";
import { useCallback, useMemo, useState, useTransition } from "react";
import type { SortDirection } from "@/lib/data-table/search-params";

/** What every table keeps in the URL (lib/data-table/search-params.ts); sort and dir only if it sorts. */
type TableView<Sort extends string> = { page: number; perPage: number; sort?: Sort; dir?: SortDirection };

const resolve = <T>(updater: Updater<T>, current: T) => (typeof updater === "function" ? (updater as (old: T) => T)(current) : updater);

/**
 * A server-side table whose view (page, rows per page, sort, filters, search) lives in the URL, read
 * and written with the table's own parsers. Every change is a history entry and re-renders the
 * route's server component (shallow: false), which queries the rows; a change of anything but the
 * page goes back to the first page. The row selection belongs to the view it was made in: any change
 * of view clears it, and so does clearSelection (after a bulk action), so what is sent is what is shown.
 */
export function useDataTable<TData, Parsers extends UseQueryStatesKeysMap, Sort extends string = never>({
  data,
  columns,
  rowCount,
  getRowId,
  searchParams,
  sortColumns = [],
}: {
  data: TData[];
  columns: ColumnDef<TData>[];
  /** Every row matching the view, across all pages. */
  rowCount: number;
  getRowId: (row: TData) => string;
  /** The table's parsers, declared once beside its query (for example lib/users/users-search-params.ts). */
  searchParams: Parsers;
  /** The columns the URL may sort by; sorting by any other id is ignored. */
  sortColumns?: readonly Sort[];
}) {
  const [isPending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(searchParams, { shallow: false, history: "push", startTransition });
  const view = params as unknown as TableView<Sort>;

  const setView = useCallback(
    (change: Partial<Nullable<Values<Parsers>>>, options?: Pick<Options, "limitUrlUpdates">) =>
      void setParams({ page: null, ...change } as Partial<Nullable<Values<Parsers>>>, options),
    [setParams],
  );
  const setTableView = setView as (change: Partial<Nullable<TableView<Sort>>>) => void;

  const viewKey = JSON.stringify(params);
  const [selection, setSelection] = useState<{ viewKey: string; rows: RowSelectionState }>({ viewKey, rows: {} });
  const rowSelection = selection.viewKey === viewKey ? selection.rows : {};
  const clearSelection = useCallback(() => setSelection({ viewKey: "", rows: {} }), []);

  const pagination: PaginationState = useMemo(() => ({ pageIndex: view.page - 1, pageSize: view.perPage }), [view.page, view.perPage]);
  const sorting: SortingState = useMemo(() => (view.sort ? [{ id: view.sort, desc: view.dir === "desc" }] : []), [view.sort, view.dir]);

  // TanStack Table keeps its own mutable state; the React Compiler knows to leave this hook alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount,
    state: { pagination, sorting, rowSelection },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      if (next.pageSize !== pagination.pageSize) setTableView({ perPage: next.pageSize });
      else setTableView({ page: next.pageIndex + 1 });
    },
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      const sort = sortColumns.find((column) => column === next?.id);
      if (next && sort) setTableView({ sort, dir: next.desc ? "desc" : "asc" });
    },
    onRowSelectionChange: (updater) => setSelection({ viewKey, rows: resolve(updater, rowSelection) }),
  });

  return { table, params, setView, isPending, clearSelection };
}
