import { rmSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startFakeResend, type RecordedEmail } from "@/e2e/support/fake-resend-server";
import { pressSignIn, SIGN_IN_LINK, signInWithLink } from "@/e2e/support/sign-in";
import { startAppServer, type AppServer } from "./app-server";

/**
 * Its own `next start` of the build, on a fresh embedded database, signed in as admin@example.com with
 * invitations set up: for inviting 10,000 people at once (e2e/big-csv.spec.ts, bench/invite-preview.bench.ts)
 * under the default hourly invitation limit, without spending the shared e2e server's low one or
 * filling its outbox. Mail is captured and read at /dev/mailbox, or goes through a Resend-compatible
 * server (e2e/select-all-at-scale.spec.ts counts what it receives).
 */
export type InviteApp = { server: AppServer; context: BrowserContext; page: Page };

/**
 * Mail through a Resend-compatible server instead of the capture transport: the sign-in link is read
 * from wherever that server keeps what it accepted.
 */
export type InviteAppResend = { baseUrl: string; apiKey: string; signInEmailTo: (address: string) => Promise<RecordedEmail> };

export async function startInviteApp(
  browser: Browser,
  { port, dataDir, resend, env = {} }: { port: number; dataDir: string; resend?: InviteAppResend; env?: Record<string, string> },
): Promise<InviteApp> {
  rmSync(dataDir, { recursive: true, force: true });
  const mailEnv: Record<string, string> = resend ? { RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.baseUrl } : { DEV_MAILBOX: "on" };
  const server = await startAppServer({ port, env: { PGLITE_DATA_DIR: dataDir, ...mailEnv, ...env } });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    if (resend) {
      await signInWithLink(page, await resend.signInEmailTo("admin@example.com"));
    } else {
      await page.goto("/dev/mailbox");
      const signInEmail = page.getByRole("article", { name: "Email to admin@example.com: Your Roster sign-in link" }).first();
      await signInEmail.getByRole("link", { name: SIGN_IN_LINK }).click();
      await pressSignIn(page);
    }
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

    await page.getByRole("link", { name: "Set up user invitations" }).click();
    await page.getByLabel("Organization name").fill("Bulk Co");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Invitation setup saved.")).toBeVisible();
    return { server, context, page };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * startInviteApp through a fake Resend of its own, on `resendPort`, that the test reads (`to`: what it
 * accepted for an address) and whose faults it sets; `stop` ends both. With a `webhookSecret`, the fake
 * reports each email's fate to the app's Resend webhook route, signed with it.
 */
export async function startInviteAppThroughFakeResend(
  browser: Browser,
  {
    port,
    resendPort,
    dataDir,
    apiKey,
    webhookSecret,
    env = {},
  }: { port: number; resendPort: number; dataDir: string; apiKey: string; webhookSecret?: string; env?: Record<string, string> },
) {
  const webhook = webhookSecret ? { url: `http://localhost:${port}/api/webhooks/resend`, secret: webhookSecret } : undefined;
  const resend = startFakeResend({ port: resendPort, apiKey, webhook });
  const to = (address: string) => resend.recorded.filter((email) => email.to.includes(address));
  const signInEmailTo = async (address: string) => {
    await expect.poll(() => to(address).length).toBeGreaterThan(0);
    return to(address).at(-1) as RecordedEmail;
  };
  let app: InviteApp;
  try {
    const appEnv = webhookSecret ? { RESEND_WEBHOOK_SECRET: webhookSecret, ...env } : env;
    app = await startInviteApp(browser, { port, dataDir, env: appEnv, resend: { baseUrl: `http://127.0.0.1:${resendPort}`, apiKey, signInEmailTo } });
  } catch (error) {
    resend.server.close();
    throw error;
  }
  const stop = async () => {
    await app.context.close();
    await app.server.stop();
    resend.server.close();
  };
  return { ...app, resend, to, stop };
}

/** A CSV of `count` people, with a header row; `change` may replace any row's cells. */
export function peopleCsv(count: number, change: (index: number) => [string, string, string] | null = () => null): string {
  const lines = ["first name,last name,email"];
  for (let index = 0; index < count; index++) {
    lines.push((change(index) ?? [`Bulk${index}`, "Person", `bulk.${index}@example.com`]).join(","));
  }
  return lines.join("\n");
}
