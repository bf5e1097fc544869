import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { isMailboxEnabled } from "@/lib/config";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  await connection(); // whether the mailbox exists is decided at run time, not at build time
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Check your email</h1>
      <p className="text-sm text-muted-foreground">
        If that address belongs to an admin of an organization on Roster, a sign-in link is on its way. The link
        works once and expires in 24 hours.
      </p>
      {isMailboxEnabled() ? (
        <p className="text-sm">
          Development: open the{" "}
          <Link className="underline" href="/dev/mailbox">
            development mailbox
          </Link>{" "}
          to find it.
        </p>
      ) : null}
      <Link className="text-sm underline" href="/sign-in">
        Use another address
      </Link>
    </div>
  );
}
