import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { isMailboxEnabled } from "@/lib/config";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "That address cannot sign in to this console. Ask an admin of your organization for access.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const message = typeof error === "string" ? (errorMessages[error] ?? "Sign-in did not work. Try again.") : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Sign in to Roster</h1>
        <p className="mt-1 text-sm text-muted-foreground">Admins sign in with a link sent by email.</p>
      </div>
      {message ? <Alert tone="danger">{message}</Alert> : null}
      <SignInForm />
      {isMailboxEnabled() ? (
        <p className="text-xs text-muted-foreground">
          Development: emails are not sent but kept in the{" "}
          <Link className="underline" href="/dev/mailbox">
            development mailbox
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
