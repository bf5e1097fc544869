import { createParser, parseAsStringLiteral } from "nuqs/server";
import { withoutForbiddenCharacters } from "@/lib/validation/plain-text";

/**
 * The URL state every table shares, as nuqs parsers: the server reads the page's search params with
 * them (createLoader) and the client writes the URL with them (useQueryStates), so no validation
 * library reaches the browser for it. Whatever the URL says, a parser never throws: a value it does
 * not accept is its default, and of a repeated key only the first counts.
 * (Imported from "nuqs/server", which has no "use client": the same parsers serve both sides.)
 */

/** Rows per page every table offers, and the number it starts with. */
export const pageSizes = [10, 25, 50, 100] as const;
export const defaultPageSize = 25;
const maxPage = 1_000_000;
export const maxSearchLength = 200;

/** 1 to 1,000,000, written in digits; anything else is the first page. */
const parseAsPage = createParser({
  parse: (value) => (/^\d{1,7}$/.test(value) && Number(value) >= 1 && Number(value) <= maxPage ? Number(value) : null),
  serialize: String,
}).withDefault(1);

/** One of pageSizes; anything else is the default. */
const parseAsPageSize = createParser({
  parse: (value) => (pageSizes as readonly number[]).find((size) => String(size) === value) ?? null,
  serialize: String,
}).withDefault(defaultPageSize);

export const paginationSearchParams = { page: parseAsPage, perPage: parseAsPageSize };

/**
 * Free text for a search box. PostgreSQL refuses a NUL (the query would fail), and no other control
 * character is ever typed into a search: they become spaces. Longer than 200 characters, no search.
 */
export const parseAsSearchText = createParser({
  parse: (value) => {
    const text = withoutForbiddenCharacters(value).trim();
    return text.length <= maxSearchLength ? text : null;
  },
  serialize: (text) => text,
}).withDefault("");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row's id (a UUID, lower-cased); anything else is no value. */
export const parseAsUuid = createParser({
  parse: (value) => (uuidPattern.test(value) ? value.toLowerCase() : null),
  serialize: (id: string) => id,
});

export const sortDirections = ["asc", "desc"] as const;
export type SortDirection = (typeof sortDirections)[number];

/** `sort` is one of the given column ids (the whitelist; anything else is the default) and `dir` its direction. */
export function sortingSearchParams<const Column extends string>(
  columns: readonly Column[],
  defaults: { sort: NoInfer<Column>; dir: SortDirection },
) {
  return {
    sort: parseAsStringLiteral(columns).withDefault(defaults.sort),
    dir: parseAsStringLiteral(sortDirections).withDefault(defaults.dir),
  };
}

/** A comma-separated set of the given values: unknown ones are dropped, repeats kept once. */
export function parseAsSetOf<const Value extends string>(values: readonly Value[]) {
  const isValue = (item: string): item is Value => (values as readonly string[]).includes(item);
  return createParser({
    parse: (value) => [...new Set(value.split(","))].filter(isValue),
    serialize: (items: Value[]) => items.join(","),
    eq: (a, b) => a.length === b.length && a.every((item, index) => item === b[index]),
  }).withDefault([]);
}
