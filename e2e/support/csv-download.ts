import { readFile } from "node:fs/promises";
import { expect, type Download, type Page } from "@playwright/test";
import Papa from "papaparse";

/** The header Export CSV writes, as SPEC lists the columns. */
export const EXPORT_HEADER = ["First name", "Last name", "Email", "Role", "Status", "Invited", "Expires", "Enrolled"];

/** Clicks Export CSV on the Users page as it stands and waits for the browser's download. */
export async function exportCsv(page: Page): Promise<Download> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  return download;
}

/** A downloaded CSV file read as a spreadsheet would: the header, then one record a row. */
export async function readDownloadedCsv(download: Download): Promise<{ header: string[]; records: string[][] }> {
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), "utf8");
  expect(text.startsWith("\ufeff"), "a UTF-8 byte order mark, for spreadsheets").toBe(true);
  const { data, errors } = Papa.parse<string[]>(text.slice(1), { delimiter: ",", newline: "\r\n" });
  expect(errors).toEqual([]);
  expect(data.at(-1), "the last record ends with CRLF").toEqual([""]);
  const [header = [], ...records] = data.slice(0, -1);
  return { header, records };
}
