import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { inviteUsersSchema, LISTED_TWICE, positionsListedTwice } from "@/lib/validation/invite-users";
import {
  countNeedingAttention,
  keysListedTwice,
  orderedFromFirstPage,
  PREVIEW_PAGE_SIZE,
  previewRow,
  rowsOfPage,
  withOrderRecomputed,
  withRowChanged,
  withRowRemoved,
  withSendProblems,
  type CsvPreviewState,
} from "./csv-preview";
import { attentionFirst, checkInviteRow, fieldErrorsBefore, problemsOfRow, rowProblemsFrom } from "./invite-row-checks";

const ALREADY = "This address is already a user of this organization.";
type Row = { firstName: string; lastName: string; email: string; role: "member" | "admin" };
const person = (index: number, email = `person.${index}@example.com`): Row => ({ firstName: "Ada", lastName: `Row${index}`, email, role: "member" });

function stateOf(rows: Row[]): CsvPreviewState {
  return orderedFromFirstPage({ fileNames: ["people.csv"], rows: rows.map((row, index) => previewRow(index + 1, index + 1, row)), reported: new Map() });
}
const shownKeys = (state: CsvPreviewState) => rowsOfPage(state).map((row) => row.key);

/** Rows drawn from values that collide, differ only in case or spaces, or break one rule each. */
const rowArbitrary: fc.Arbitrary<Row> = fc.record({
  firstName: fc.constantFrom("Ada", "", " Lee ", "=cmd", "x".repeat(101), "Zoë"),
  lastName: fc.constantFrom("Lovelace", "", "\u202eevil", "李"),
  email: fc.constantFrom("ada@example.com", "ADA@example.com ", "lee@example.com", "not-an-address", "", " bad ", "zoe@example.com"),
  role: fc.constantFrom("member" as const, "admin" as const),
});

describe("the preview's row checks", () => {
  it("report exactly what inviteUsersSchema reports for every row, listed twice included", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 30 }), (rows) => {
        const whole = inviteUsersSchema.safeParse({ rows });
        const expected = whole.success ? {} : fieldErrorsFromZod(whole.error);
        const twice = positionsListedTwice(rows.map((row) => checkInviteRow(row).email));
        const actual: Record<string, string[]> = {};
        rows.forEach((row, index) => {
          for (const [field, messages] of Object.entries(problemsOfRow(checkInviteRow(row), twice.has(index), undefined))) {
            actual[`rows.${index}.${field}`] = messages;
          }
        });
        expect(actual).toEqual(expected);
      }),
    );
  });

  it("put the rows that need attention first, each group in file order", () => {
    expect(attentionFirst([1, 2, 3, 4, 5, 6], (n) => n % 3 === 0)).toEqual([3, 6, 1, 2, 4, 5]);
    const state = stateOf([person(0), person(1, "nope"), person(2), person(3, "person.0@example.com"), person(4)]);
    expect(state.order).toEqual([2, 4, 1, 3, 5]);
    expect(countNeedingAttention(state)).toBe(2);
  });

  it("check again only the row that changed, and recompute listed twice from the addresses", () => {
    let state = stateOf([person(0), person(1), person(2, "person.0@example.com")]);
    expect([...keysListedTwice(state.rows)]).toEqual([3]);
    const untouched = state.rows[1];
    state = withRowChanged(state, 1, { email: "someone.else@example.com" });
    expect(state.rows[1]).toBe(untouched);
    expect(keysListedTwice(state.rows).size).toBe(0);
    state = withRowChanged(state, 2, { email: "SOMEONE.ELSE@example.com " });
    expect([...keysListedTwice(state.rows)]).toEqual([2]);
    // The order waits for the edit to be done, so the row being fixed stays where it is.
    expect(state.order).toEqual([3, 1, 2]);
    expect(withOrderRecomputed(state).order).toEqual([2, 1, 3]);
  });

  it("after any edits, hold what checking every row from scratch would give", () => {
    const edit = fc.record({ row: fc.nat(9), field: fc.constantFrom("firstName" as const, "lastName" as const, "email" as const), value: fc.string({ maxLength: 12 }) });
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 10, maxLength: 10 }), fc.array(edit, { maxLength: 20 }), (rows, edits) => {
        let state = stateOf(rows);
        const typed = rows.map((row) => ({ ...row }));
        for (const { row, field, value } of edits) {
          state = withRowChanged(state, row + 1, { [field]: value });
          typed[row]![field] = value;
        }
        const fresh = stateOf(typed);
        expect(state.rows).toEqual(fresh.rows);
        expect(withOrderRecomputed(state).order).toEqual(fresh.order);
        expect([...keysListedTwice(state.rows)]).toEqual([...keysListedTwice(fresh.rows)]);
      }),
    );
  });

  it("land a refused send's errors on the rows they name: typed rows first, then the file's rows", () => {
    const fieldErrors = {
      rows: ["Invite at most 10,000 users at once."],
      "rows.0.firstName": ["Enter a first name."],
      "rows.3.email": [ALREADY],
      "rows.5.email": [ALREADY, LISTED_TWICE],
    };
    expect(fieldErrorsBefore(fieldErrors, 2)).toEqual({ rows: ["Invite at most 10,000 users at once."], "rows.0.firstName": ["Enter a first name."] });
    const byPosition = rowProblemsFrom(fieldErrors, 2);
    expect([...byPosition]).toEqual([
      [1, { email: [ALREADY] }],
      [3, { email: [ALREADY, LISTED_TWICE] }],
    ]);

    // Four rows from the file (keys 1 to 4), the last listing the second one's address again.
    const state = withSendProblems(stateOf([person(0), person(1), person(2), person(3, "person.1@example.com")]), [1, 2, 3, 4], byPosition);
    expect(state.reported).toEqual(new Map([[2, { email: [ALREADY] }], [4, { email: [ALREADY] }]]));
    expect(state.order).toEqual([2, 4, 1, 3]);
    expect(problemsOfRow(state.rows[3]!.check, true, state.reported.get(4))).toEqual({ email: [LISTED_TWICE, ALREADY] });

    // Changing the address drops what the server said about it; the other rows keep theirs.
    const fixed = withRowChanged(state, 2, { email: "fresh@example.com" });
    expect(fixed.reported).toEqual(new Map([[4, { email: [ALREADY] }]]));
    expect(countNeedingAttention(fixed)).toBe(1);
  });

  it("keep the page in range when a row is removed", () => {
    const rows = Array.from({ length: PREVIEW_PAGE_SIZE + 1 }, (_, index) => person(index));
    const onLastPage = { ...stateOf(rows), page: 1 };
    expect(shownKeys(onLastPage)).toEqual([PREVIEW_PAGE_SIZE + 1]);
    const removed = withRowRemoved(onLastPage, PREVIEW_PAGE_SIZE + 1);
    expect(removed.page).toBe(0);
    expect(removed.rows).toHaveLength(PREVIEW_PAGE_SIZE);
    expect(removed.order).not.toContain(PREVIEW_PAGE_SIZE + 1);
  });
});
