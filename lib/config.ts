import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "@/lib/validation/zod";

/** Configuration read from the environment, with the development defaults of SPEC.md. */

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

const isProduction = () => process.env.NODE_ENV === "production";

export function appUrl(): string {
  return (process.env.APP_URL || "http://localhost:3000").replace(/\/+$/, "");
}

/** Served over https: browsers are then told to use nothing else (HSTS) and cookies are Secure. */
export function appUsesHttps(): boolean {
  return appUrl().startsWith("https:");
}

export function adminEmails(): string[] {
  const configured = process.env.ADMIN_EMAILS;
  if (configured === undefined) return isProduction() ? [] : ["admin@example.com"];
  return configured
    .split(",")
    .map((address) => address.trim().toLowerCase())
    .filter(Boolean);
}

export function emailFrom(): string {
  // Resend's shared sandbox sender works with any test key and needs no domain set up.
  return process.env.EMAIL_FROM || "Roster <onboarding@resend.dev>";
}

export type EmailTransportChoice = { kind: "resend"; apiKey: string } | { kind: "capture" };

export function emailTransport(): EmailTransportChoice {
  const apiKey = process.env.RESEND_API_KEY;
  if (apiKey) return { kind: "resend", apiKey };
  if (!isProduction() || process.env.EMAIL_TRANSPORT === "capture") return { kind: "capture" };
  throw new ConfigurationError(
    "RESEND_API_KEY is not set. In production Roster sends email through Resend; set RESEND_API_KEY, " +
      "or set EMAIL_TRANSPORT=capture to keep emails in the database (and DEV_MAILBOX=on to show them at /dev/mailbox).",
  );
}

/**
 * The development mailbox exists only while mail is captured rather than sent. It shows sign-in
 * links to anyone who opens it, so a production server shows it only when told to (a demo, a test).
 */
export function isMailboxEnabled(): boolean {
  try {
    return emailTransport().kind === "capture" && (!isProduction() || process.env.DEV_MAILBOX === "on");
  } catch {
    return false;
  }
}

export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (isProduction()) {
    throw new ConfigurationError("AUTH_SECRET is not set. Generate one with `openssl rand -base64 33`.");
  }
  // Development: generate once and keep it beside the embedded database, so sessions survive restarts.
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const countSetting = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
const secondsSetting = (fallback: number) => z.coerce.number().int().min(1).max(7 * 24 * 60 * 60).default(fallback);

/** Abuse limits (lib/rate-limit/), counted in PostgreSQL and so shared by every instance. */
const rateLimitSchema = z.object({
  RATE_LIMIT_SIGN_IN_PER_EMAIL: countSetting(5),
  RATE_LIMIT_SIGN_IN_PER_IP: countSetting(20),
  RATE_LIMIT_SIGN_IN_WINDOW_SECONDS: secondsSetting(15 * 60),
  RATE_LIMIT_JOIN_FAILURES_PER_IP: countSetting(20),
  RATE_LIMIT_JOIN_WINDOW_SECONDS: secondsSetting(15 * 60),
  // One CSV may hold 10,000 rows (MAX_INVITE_ROWS); a full one an hour still fits, with room to resend.
  RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR: countSetting(12_000),
  // Requests per API key over a rolling minute (the REST API, lib/api/).
  RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE: countSetting(600),
  // How many proxies in front of the app append to X-Forwarded-For (0: none, the app is reached directly).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type RateLimitSettings = z.output<typeof rateLimitSchema>;

export function rateLimitSettings(): RateLimitSettings {
  // An empty variable means "not set", as for the other settings.
  const present = Object.fromEntries(
    Object.keys(rateLimitSchema.shape).flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const parsed = rateLimitSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  throw new ConfigurationError(`${name} is "${process.env[name]}", not a usable whole number: ${issue.message}.`);
}

/** Fails fast at start-up with a sentence, rather than at the first email or sign-in. */
export function assertConfiguration(): void {
  emailTransport();
  authSecret();
  rateLimitSettings();
}
