import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Configuration read from the environment, with the development defaults of SPEC.md. */

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

const isProduction = () => process.env.NODE_ENV === "production";

export function appUrl(): string {
  return (process.env.APP_URL || "http://localhost:3000").replace(/\/+$/, "");
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
      "or set EMAIL_TRANSPORT=capture to keep emails in the database and show them at /dev/mailbox.",
  );
}

/** The development mailbox exists only while mail is captured rather than sent. */
export function isMailboxEnabled(): boolean {
  try {
    return emailTransport().kind === "capture";
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

/** Fails fast at start-up with a sentence, rather than at the first email or sign-in. */
export function assertConfiguration(): void {
  emailTransport();
  authSecret();
}
