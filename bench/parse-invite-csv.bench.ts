// `npm run bench:csv`: what reading an uploaded CSV costs the browser. Prints the median and slowest
// of 50 calls of parseInviteCsv: refusing a file too large for 1,000 invitations (the unit test proves
// it is refused before parsing; the time is here, never asserted) and parsing a full file.
import { MAX_CSV_CHARACTERS, parseInviteCsv } from "@/lib/users/parse-invite-csv";
import { MAX_INVITE_ROWS } from "@/lib/validation/invite-users";

const RUNS = 50;

function timeParsing(label: string, csv: string) {
  const samples = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    parseInviteCsv(csv);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} median ${samples[RUNS >> 1]!.toFixed(2)} ms, slowest ${samples[RUNS - 1]!.toFixed(2)} ms`);
}

const row = "Ada,Lovelace,ada@example.com\n";
const oversized = row.repeat(Math.ceil(MAX_CSV_CHARACTERS / row.length) + 1);
const full = ["first name,last name,email", ...Array.from({ length: MAX_INVITE_ROWS }, (_, index) => `Ada,Lovelace,ada.${index}@example.com`)].join("\n");
timeParsing(`refuse ${oversized.length.toLocaleString("en")} characters`, oversized);
timeParsing(`parse ${MAX_INVITE_ROWS.toLocaleString("en")} rows`, full);
