// `npm run bench:invite-preview`: the invite form with a large CSV in headless Chromium, against `next
// start` of the build (run `npm run build` first) on its own port and embedded database. Prints, for
// files of 1,000 and 10,000 rows, the time from choosing the file to its preview on screen; the
// longest animation frame while typing into a row with 10,000 rows loaded (one in the preview, then
// a typed one); and how long one Send invite of 10,000 rows takes until the form says it was sent.
// Timings are printed, never asserted.
import { CHROMIUM_LAUNCH_OPTIONS } from "@/e2e/support/environment";
import { chromium, expect, type Page } from "@playwright/test";
import { peopleCsv, startInviteApp } from "@/test/support/invite-app";

const port = Number(process.env.BENCH_APP_PORT ?? 3120);
const RUNS = 3;

/** Milliseconds from the file input's change event to the frame after the preview's summary appears. */
async function timeToPreview(page: Page, rows: number): Promise<number> {
  await page.goto("/users/invite");
  await page.evaluate((summary) => {
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    const timing: { chosen?: number; shown?: Promise<number> } = {};
      (window as unknown as { previewTiming: typeof timing }).previewTiming = timing;
    input.addEventListener("change", () => (timing.chosen = performance.now()), { capture: true, once: true });
    timing.shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.body.textContent?.includes(summary)) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, `${rows.toLocaleString("en")} rows from people-${rows}.csv`);
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: `people-${rows}.csv`, mimeType: "text/csv", buffer: Buffer.from(peopleCsv(rows)) });
  return page.evaluate(async () => {
    const timing = (window as unknown as { previewTiming: { chosen: number; shown: Promise<number> } }).previewTiming;
    return (await timing.shown) - timing.chosen;
  });
}

type FrameWatch = { longFrames: number[]; longestGap: number; stop: boolean };

/**
 * While `type` runs: the longest gap between two animation frames, and the durations of the long
 * animation frames (over 50 ms; long tasks where the browser has no such entries).
 */
async function framesWhile(page: Page, type: () => Promise<void>): Promise<{ longestGap: number; longFrames: number[] }> {
  await page.evaluate(() => {
    const watch: FrameWatch = { longFrames: [], longestGap: 0, stop: false };
    (window as unknown as { frameWatch: FrameWatch }).frameWatch = watch;
    const kind = PerformanceObserver.supportedEntryTypes.includes("long-animation-frame") ? "long-animation-frame" : "longtask";
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => watch.longFrames.push(entry.duration))).observe({ type: kind });
    let last = performance.now();
    const tick = (now: number) => {
      watch.longestGap = Math.max(watch.longestGap, now - last);
      last = now;
      if (!watch.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await type();
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const watch = (window as unknown as { frameWatch: FrameWatch }).frameWatch;
    watch.stop = true;
    return { longestGap: watch.longestGap, longFrames: watch.longFrames };
  });
}
const describeFrames = ({ longestGap, longFrames }: { longestGap: number; longFrames: number[] }) =>
  `longest frame ${ms(longestGap)}; ${longFrames.length} long animation frames${longFrames.length ? `, longest ${ms(Math.max(...longFrames))}` : ""}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const app = await startInviteApp(browser, { port, dataDir: ".data/bench-invite-preview-pglite" });
  try {
    const { page } = app;
    // tsx compiles the functions handed to page.evaluate with esbuild's keepNames, which calls __name.
    await app.context.addInitScript("globalThis.__name = (target) => target;");
    for (const rows of [1_000, 10_000]) {
      const samples = [];
      for (let run = 0; run < RUNS; run++) samples.push(await timeToPreview(page, rows));
      console.log(`${`choose a file of ${rows.toLocaleString("en")} rows → preview shown`.padEnd(52)} median ${ms(median(samples))}, slowest ${ms(Math.max(...samples))}`);
    }

    // The 10,000-row file is loaded: edit one of its rows, then a typed row beside it.
    await page.getByRole("button", { name: "Edit row 1", exact: true }).click();
    const previewEmail = page.getByRole("group", { name: "Row 1", exact: true }).getByLabel("Email address");
    await previewEmail.fill("");
    const inPreview = await framesWhile(page, () => previewEmail.pressSequentially("typed.in.preview@example.com", { delay: 30 }));
    console.log(`${"typing in a preview row (10,000 loaded)".padEnd(52)} ${describeFrames(inPreview)}`);
    await page.getByRole("group", { name: "Row 1", exact: true }).getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Add another user" }).click();
    const typed = page.getByRole("group", { name: "User 1", exact: true });
    const inTypedRow = await framesWhile(page, async () => {
      await typed.getByLabel("First name").pressSequentially("Typed", { delay: 30 });
      await typed.getByLabel("Last name").pressSequentially("Person", { delay: 30 });
      await typed.getByLabel("Email address").pressSequentially("typed.person@example.com", { delay: 30 });
    });
    console.log(`${"typing in a typed row (10,000 loaded)".padEnd(52)} ${describeFrames(inTypedRow)}`);
    await page.getByRole("button", { name: "Remove user 1 from the form" }).click();

    const started = Date.now();
    await page.getByRole("button", { name: "Send invite" }).click();
    await expect(page.getByText("Invitations sent to 10,000 users.")).toBeVisible({ timeout: 120_000 });
    console.log(`${"Send invite of 10,000 rows → “Invitations sent”".padEnd(52)} ${ms(Date.now() - started)}`);
  } finally {
    await app.context.close();
    await browser.close();
    await app.server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
