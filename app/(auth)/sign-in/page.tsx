import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { isMailboxEnabled } from "@/lib/config";
import { emailAddressSchema } from "@/lib/validation/email-address";
import { z } from "@/lib/validation/zod";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "That address cannot sign in to this console. Ask an admin of your organization for access.",
};

/** The address to fill in (the join page's Sign in link passes the invitee's): only a valid one. */
const prefilledEmailSchema = z.object({ email: emailAddressSchema });

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; email?: string | string[] }> }) {
  const { error, email } = await searchParams;
  const message = typeof error === "string" ? (errorMessages[error] ?? "Sign-in did not work. Try again.") : null;
  const prefilled = prefilledEmailSchema.safeParse({ email });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Sign in to Roster</h1>
        <p className="mt-1 text-sm text-muted-foreground">Sign in with a link sent by email.</p>
      </div>
      {message ? <Alert tone="danger">{message}</Alert> : null}
      <SignInForm email={prefilled.success ? prefilled.data.email : ""} />
      {isMailboxEnabled() ? (
        <p className="text-xs text-muted-foreground">
          Development: emails are not sent but kept in the{" "}
          {/* A plain link: next/link would add its client code to the page for a development aid. */}
          <a className="underline" href="/dev/mailbox">
            development mailbox
          </a>
          .
        </p>
      ) : null}
    </div>
  );
}
