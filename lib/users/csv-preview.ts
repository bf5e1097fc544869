import {
  attentionFirst,
  checkInviteRow,
  hasProblems,
  problemsOfRow,
  type RowCheck,
  type RowProblems,
} from "@/lib/users/invite-row-checks";
import { positionsListedTwice, type InviteRowInput } from "@/lib/validation/invite-users";

/**
 * A large CSV is shown as a compact table, not as a set of inputs per row: the rows that need
 * attention first, with their problems, then the rest, a page at a time. A row opens for editing in
 * place and can be removed. The order is recomputed when the file comes in, when an edit is done and
 * when a send is refused, never while typing, so the row being fixed does not move away.
 */
export const PREVIEW_PAGE_SIZE = 50;

export type PreviewRow = Required<InviteRowInput> & { key: number; line: number; check: RowCheck };
export type CsvPreviewState = {
  fileNames: string[];
  /** In the file's order, which is the order they are sent in, after the typed rows. */
  rows: PreviewRow[];
  /** Problems the last Send invite found in a row (the whole-submission check or the server), by row key. */
  reported: Map<number, RowProblems>;
  /** Row keys in display order. */
  order: number[];
  /** Each row's position in rows, by key: rebuilt when rows come or go, not when one is edited. */
  positions: Map<number, number>;
  page: number;
};

export function previewRow(key: number, line: number, row: Required<InviteRowInput>): PreviewRow {
  return { ...row, key, line, check: checkInviteRow(row) };
}

const positionsOf = (rows: readonly PreviewRow[]) => new Map(rows.map((row, position) => [row.key, position]));

/** The rows of a page, in display order. */
export function rowsOfPage(state: CsvPreviewState): PreviewRow[] {
  const first = state.page * PREVIEW_PAGE_SIZE;
  return state.order.slice(first, first + PREVIEW_PAGE_SIZE).flatMap((key) => {
    const position = state.positions.get(key);
    return position === undefined ? [] : [state.rows[position]!];
  });
}

/** Keys of the rows whose address an earlier row already has. */
export function keysListedTwice(rows: readonly PreviewRow[]): Set<number> {
  const positions = positionsListedTwice(rows.map((row) => row.check.email));
  return new Set([...positions].map((position) => rows[position]!.key));
}

export function needsAttention(row: PreviewRow, listedTwice: Set<number>, reported: Map<number, RowProblems>) {
  return hasProblems(row.check.problems) || listedTwice.has(row.key) || hasProblems(reported.get(row.key));
}

export function countNeedingAttention(state: Pick<CsvPreviewState, "rows" | "reported">, listedTwice = keysListedTwice(state.rows)): number {
  return state.rows.reduce((count, row) => count + (needsAttention(row, listedTwice, state.reported) ? 1 : 0), 0);
}

/** The state with its rows ordered attention first, from the first page. */
export function orderedFromFirstPage(state: Pick<CsvPreviewState, "fileNames" | "rows" | "reported">): CsvPreviewState {
  const listedTwice = keysListedTwice(state.rows);
  const order = attentionFirst(state.rows, (row) => needsAttention(row, listedTwice, state.reported)).map((row) => row.key);
  return { fileNames: state.fileNames, rows: state.rows, reported: state.reported, order, positions: positionsOf(state.rows), page: 0 };
}

/** One row changed: only it is checked again; what the last send reported about the changed fields no longer holds. */
export function withRowChanged(state: CsvPreviewState, key: number, change: Partial<InviteRowInput>): CsvPreviewState {
  const index = state.positions.get(key);
  if (index === undefined) return state;
  const updated = { ...state.rows[index]!, ...change };
  const rows = state.rows.slice();
  rows[index] = { ...updated, check: checkInviteRow(updated) };
  let reported = state.reported;
  const previous = reported.get(key);
  if (previous) {
    const remaining = Object.fromEntries(Object.entries(previous).filter(([field]) => !(field in change)));
    reported = new Map(reported);
    if (hasProblems(remaining)) reported.set(key, remaining);
    else reported.delete(key);
  }
  return { ...state, rows, reported };
}

export function withRowRemoved(state: CsvPreviewState, key: number): CsvPreviewState {
  const reported = new Map(state.reported);
  reported.delete(key);
  const order = state.order.filter((shown) => shown !== key);
  const lastPage = Math.max(0, Math.ceil(order.length / PREVIEW_PAGE_SIZE) - 1);
  const rows = state.rows.filter((row) => row.key !== key);
  return { ...state, rows, reported, order, positions: positionsOf(rows), page: Math.min(state.page, lastPage) };
}

export function withOrderRecomputed(state: CsvPreviewState): CsvPreviewState {
  return { ...orderedFromFirstPage(state), page: state.page };
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

export function previewSummary(state: CsvPreviewState, attention: number): string {
  const needing = attention === 0 ? "none need attention" : `${attention.toLocaleString("en")} ${attention === 1 ? "needs" : "need"} attention`;
  return `${plural(state.rows.length, "row", "rows")} from ${state.fileNames.join(", ")} · ${needing}`;
}

/**
 * What a refused Send invite found, by position among the preview's rows as sent (sentKeys), onto
 * those rows; only what the rows' own checks do not already say, so it goes stale only when its row
 * changes. Attention first again, from the first page.
 */
export function withSendProblems(state: CsvPreviewState, sentKeys: readonly number[], byPosition: Map<number, RowProblems>): CsvPreviewState {
  const listedTwice = keysListedTwice(state.rows);
  const reported = new Map<number, RowProblems>();
  for (const [sentPosition, problems] of byPosition) {
    const key = sentKeys[sentPosition];
    const position = key === undefined ? undefined : state.positions.get(key);
    const row = position === undefined ? undefined : state.rows[position];
    if (!row) continue;
    const known = problemsOfRow(row.check, listedTwice.has(row.key), undefined);
    const news: RowProblems = {};
    for (const [field, messages] of Object.entries(problems) as [keyof RowProblems, string[]][]) {
      const unknown = messages.filter((message) => !known[field]?.includes(message));
      if (unknown.length > 0) news[field] = unknown;
    }
    if (hasProblems(news)) reported.set(row.key, news);
  }
  return orderedFromFirstPage({ ...state, reported });
}
