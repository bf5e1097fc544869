/** PostgreSQL takes at most 65,535 parameters in one statement: large inserts go in slices. */
export const INSERT_CHUNK_ROWS = 1000;

export function chunks<T>(items: readonly T[], size = INSERT_CHUNK_ROWS): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}
