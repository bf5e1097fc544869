import fc from "fast-check";
import { createSerializer } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { userStatuses } from "@/lib/invitations/status";
import { hostileString, propertyRuns } from "@/test/fixtures/hostile-input";
import { pageSizes } from "@/lib/data-table/search-params";
import { parseUsersSearchParams, userSortColumns, usersExportHref, usersSearchParams } from "./users-search-params";

/** The URL the table writes for a view: what useQueryStates writes in the browser, with the same parsers. */
const usersSearchParamsToQuery = createSerializer(usersSearchParams);

const keys = ["q", "status", "send", "sort", "dir", "page", "perPage"] as const;
const urlValue = fc.oneof(hostileString, fc.uuid(), fc.array(hostileString, { maxLength: 4 }), fc.constant(undefined));
const hostileQuery = fc.record(Object.fromEntries(keys.map((key) => [key, urlValue])), { requiredKeys: [] });

/** The same URL as Next.js hands it to the page: from a real query string, repeated keys become arrays. */
function searchParamsOf(query: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const previous = params[key];
    params[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return params;
}

describe("Users table URL parameters, whatever the URL says", () => {
  it("never throw and always give a valid view with a search PostgreSQL can run", () => {
    fc.assert(
      fc.property(hostileQuery, (raw) => {
        const view = parseUsersSearchParams(raw as Record<string, string | string[] | undefined>);
        expect(view.q.length).toBeLessThanOrEqual(200);
        // NUL cannot be sent to PostgreSQL; the other controls are never typed into a search box.
        expect(view.q).not.toMatch(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(view.q).toBe(view.q.trim());
        expect(new Set(view.status).size).toBe(view.status.length);
        for (const status of view.status) expect(userStatuses).toContain(status);
        if (view.send !== null) expect(view.send).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(userSortColumns).toContain(view.sort);
        expect(["asc", "desc"]).toContain(view.dir);
        expect(Number.isInteger(view.page) && view.page >= 1 && view.page <= 1_000_000).toBe(true);
        expect(pageSizes).toContain(view.perPage);
      }),
      propertyRuns,
    );
  });

  it("keep the words of a search that has a control character or a NUL in it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom("\u0000", "\u0007", "\t", "\u001b", "\u0085", "\u202e"), fc.stringMatching(/^[a-z]{1,10}$/), (before, bad, after) => {
        expect(parseUsersSearchParams({ q: `${before}${bad}${after}` }).q).toBe(`${before} ${after}`);
        expect(parseUsersSearchParams(searchParamsOf(`q=${before}%00${after}`)).q).toBe(`${before} ${after}`);
      }),
      propertyRuns,
    );
  });

  // A URL carries UTF-8, where a lone surrogate cannot be written: like the URL parser, the loader
  // reads it as U+FFFD (search params are USVStrings), which PostgreSQL stores and compares like any letter.
  it("read a lone surrogate as U+FFFD, as a URL does", () => {
    expect(parseUsersSearchParams({ q: "ab\ud800cd" }).q).toBe("ab\ufffdcd");
    expect(parseUsersSearchParams(searchParamsOf("q=ab%ED%A0%80cd")).q).toBe("ab\ufffd\ufffd\ufffdcd");
  });

  it("come back unchanged from the URL they build", () => {
    const view = fc.record({
      q: fc.string({ unit: "grapheme", maxLength: 30 }).map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, " ").trim()),
      status: fc.uniqueArray(fc.constantFrom(...userStatuses)),
      send: fc.option(fc.uuid(), { nil: null }),
      sort: fc.constantFrom(...userSortColumns),
      dir: fc.constantFrom("asc" as const, "desc" as const),
      page: fc.integer({ min: 1, max: 1_000_000 }),
      perPage: fc.constantFrom(...pageSizes),
    });
    fc.assert(
      fc.property(view, (expected) => {
        expect(parseUsersSearchParams(searchParamsOf(usersSearchParamsToQuery(expected).slice(1)))).toEqual(expected);
      }),
      propertyRuns,
    );
  });

  it("give Export CSV a link to the same search, filters and sort, and no page", () => {
    fc.assert(
      fc.property(hostileQuery, (raw) => {
        const view = parseUsersSearchParams(raw as Record<string, string | string[] | undefined>);
        const href = usersExportHref(view);
        expect(href).toMatch(/^\/users\/export(\?|$)/);
        // Read as a browser reads the link: "?" may stand unescaped inside the query (q=? is a search for "?").
        const exported = parseUsersSearchParams(searchParamsOf(new URL(href, "http://localhost").search));
        const { q, status, send, sort, dir } = view;
        expect({ q: exported.q, status: exported.status, send: exported.send, sort: exported.sort, dir: exported.dir }).toEqual({ q, status, send, sort, dir });
        expect(href).not.toMatch(/[?&](page|perPage)=/);
      }),
      propertyRuns,
    );
  });

  it("take the first of repeated keys", () => {
    fc.assert(
      fc.property(fc.constantFrom(...userSortColumns), fc.array(hostileString, { maxLength: 3 }), (sort, more) => {
        expect(parseUsersSearchParams({ sort: [sort, ...more] }).sort).toBe(sort);
      }),
      propertyRuns,
    );
  });
});
