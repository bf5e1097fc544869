import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { RecordedEmail } from "./support/fake-resend-server";
import { CAPTURE_APP_URL, FAKE_RESEND_URL, SERVER_LOGS } from "./support/environment";

/**
 * Runs after every other spec, while the servers are still up: each join token and sign-in link the
 * run emailed is a bearer credential, and none may appear in what the app servers printed.
 */

/** A link, and the credential inside it: the join token, or Auth.js's verification token. */
function secretsOf(link: string): { kind: "join" | "sign-in" | "other"; values: string[] } {
  const url = new URL(link);
  const joinToken = url.pathname.match(/^\/join\/([^/?#]+)$/)?.[1];
  if (joinToken) return { kind: "join", values: [link, joinToken] };
  // The emailed link opens the confirm page; pressing Sign in there sends the same query to the callback.
  const signInToken = ["/sign-in/confirm", "/api/auth/callback/email"].includes(url.pathname) ? url.searchParams.get("token") : null;
  if (signInToken) return { kind: "sign-in", values: [link, signInToken] };
  return { kind: "other", values: [link] };
}

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((match) => match[0].replaceAll("&amp;", "&"));

function findLeaks(logFile: string, links: string[]) {
  const log = readFileSync(logFile, "utf8");
  // The capture works: the server's start-up lines are in the file.
  expect(log, `${logFile} holds the server's output`).toContain("Ready in");
  const secrets = links.map(secretsOf);
  const leaks = secrets.flatMap(({ values }) => values.filter((value) => log.includes(value)));
  return { leaks, secretCount: secrets.filter(({ kind }) => kind !== "other").length };
}

test("no join token or sign-in link reaches the app server's logs", async ({ request }) => {
  const sent = (await (await request.get(`${FAKE_RESEND_URL}/_test/emails`)).json()) as RecordedEmail[];
  const links = sent.flatMap((email) => linksIn(`${email.text ?? ""} ${email.html ?? ""}`));
  const { leaks, secretCount } = findLeaks(SERVER_LOGS.app, links);
  // global.setup.ts always signs in by email: there is something to look for, so no leak means something.
  expect(secretCount).toBeGreaterThan(0);
  expect(leaks, `secrets printed in ${SERVER_LOGS.app}`).toEqual([]);
});

test("no join token or sign-in link reaches the capture server's logs", async ({ request }) => {
  const mailbox = await (await request.get(`${CAPTURE_APP_URL}/dev/mailbox`)).text();
  const links = linksIn(mailbox).filter((link) => link.startsWith(CAPTURE_APP_URL));
  // Only dev-mailbox.spec.ts sends mail through this server; a run without it has nothing to check.
  test.skip(links.length === 0, "no email was captured in this run");
  const { leaks } = findLeaks(SERVER_LOGS.captureApp, links);
  expect(leaks, `secrets printed in ${SERVER_LOGS.captureApp}`).toEqual([]);
});
