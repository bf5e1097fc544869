// `npm run bench:csv`: what reading an uploaded CSV costs the browser. Prints the median and slowest
// of 50 calls of parseInviteCsv: refusing a file too large for 10,000 invitations (the unit test proves
// it is refused before parsing; the time is here, never asserted), parsing a full file, and the invite
// form's checks of every row of it (lib/users/csv-preview.ts; zod without its compiler, as in the
// browser). `npm run bench:invite-preview` times the whole preview in Chromium.
import { z } from "@/lib/validation/zod";
import { orderedFromFirstPage, previewRow } from "@/lib/users/csv-preview";
import { MAX_CSV_CHARACTERS, parseInviteCsv } from "@/lib/users/parse-invite-csv";
import { MAX_INVITE_ROWS } from "@/lib/validation/invite-users";

const RUNS = 50;

z.config({ jitless: true }); // as lib/validation/zod.ts sets it in the browser

function time(label: string, run: () => void) {
  const samples = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${samples[RUNS >> 1]!.toFixed(2)} ms, slowest ${samples[RUNS - 1]!.toFixed(2)} ms`);
}

const row = "Ada,Lovelace,ada@example.com\n";
const oversized = row.repeat(Math.ceil(MAX_CSV_CHARACTERS / row.length) + 1);
const full = ["first name,last name,email", ...Array.from({ length: MAX_INVITE_ROWS }, (_, index) => `Ada,Lovelace,ada.${index}@example.com`)].join("\n");
time(`refuse ${oversized.length.toLocaleString("en")} characters`, () => parseInviteCsv(oversized));
time(`parse ${MAX_INVITE_ROWS.toLocaleString("en")} rows`, () => parseInviteCsv(full));
const parsed = parseInviteCsv(full).rows;
time(`check and order ${MAX_INVITE_ROWS.toLocaleString("en")} rows for the preview`, () =>
  orderedFromFirstPage({ fileNames: ["people.csv"], rows: parsed.map((row, index) => previewRow(index, index + 1, { role: "member", ...row })), reported: new Map() }),
);
