import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { anyCodeUnitString, hostileString, propertyRuns, typedText } from "@/test/fixtures/hostile-input";
import { csvCell, csvRow, FORMULA_TRIGGERS } from "./csv-cell";

/** A spreadsheet's reading of a file: RFC 4180 records, each a list of cells (no delimiter guessing). */
function readCsv(text: string): string[][] {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n", quoteChar: '"' });
  expect(errors).toEqual([]);
  // The file ends with a CRLF, after which Papa sees one more, empty record.
  expect(data.at(-1)).toEqual([""]);
  return data.slice(0, -1);
}

const startsWithTrigger = (text: string) => (FORMULA_TRIGGERS as readonly string[]).includes(text.charAt(0));
/** What a cell should read as once opened: the value, or the value behind an apostrophe when it would start a formula. */
const asRead = (value: string) => (startsWithTrigger(value) ? `'${value}` : value);

const cellValue = fc.oneof(
  hostileString,
  anyCodeUnitString,
  typedText,
  fc.tuple(fc.constantFrom(...FORMULA_TRIGGERS, '"', ",", "'", " "), typedText).map(([first, rest]) => first + rest),
  fc.constantFrom("", '"', '""', ",", "\r\n", "\n", "\r", "'=1+1", "=1+1", "-", "@", "+", "2026-11-23T10:00:00.000Z"),
);
const rows = fc.array(fc.array(cellValue, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 });

describe("CSV cells, whatever they hold", () => {
  it("come back from a CSV reader as written, behind an apostrophe where they would start a formula", () => {
    fc.assert(
      fc.property(rows, (records) => {
        expect(readCsv(records.map(csvRow).join(""))).toEqual(records.map((cells) => cells.map(asRead)));
      }),
      propertyRuns,
    );
  });

  it("never read as a cell that starts with =, +, -, @, a tab, a carriage return or a line feed", () => {
    fc.assert(
      fc.property(rows, (records) => {
        for (const cells of readCsv(records.map(csvRow).join(""))) {
          for (const cell of cells) expect(startsWithTrigger(cell), JSON.stringify(cell)).toBe(false);
        }
      }),
      propertyRuns,
    );
  });

  it("are written as they are when they need neither quotes nor an apostrophe", () => {
    const plain = typedText.filter((text) => !/[",\r\n]/.test(text) && !startsWithTrigger(text));
    fc.assert(
      fc.property(plain, (text) => {
        expect(csvCell(text)).toBe(text);
      }),
      propertyRuns,
    );
  });
});

describe("CSV cells, by example", () => {
  it.for([
    ["Ada", "Ada"],
    ["", ""],
    ["O'Brien", "O'Brien"],
    ["Smith, Jr.", '"Smith, Jr."'],
    ['Say "hi"', '"Say ""hi"""'],
    ["two\r\nlines", '"two\r\nlines"'],
    ['=HYPERLINK("http://evil.test","click")', `"'=HYPERLINK(""http://evil.test"",""click"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
    ["2026-11-23T10:00:00.000Z", "2026-11-23T10:00:00.000Z"],
  ])("%j is written %j", ([value, written]) => {
    expect(csvCell(value!)).toBe(written);
  });

  it("end each row with CRLF", () => {
    expect(csvRow(["First name", "Last name"])).toBe("First name,Last name\r\n");
  });
});
