import { desc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { emails } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { isMailboxEnabled } from "@/lib/config";
import { withBodies } from "@/lib/email/outbox";
import { formatDateTime } from "@/lib/format-date";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

const MAILBOX_SIZE = 50;

/** Captured emails, newest first. Exists only while mail is captured (no RESEND_API_KEY). */
export default async function MailboxPage() {
  await connection();
  if (!isMailboxEnabled()) notFound();
  const db = getDb();
  const captured = await withBodies(
    db,
    await db
      .select()
      .from(emails)
      .where(eq(emails.transport, "capture"))
      .orderBy(desc(emails.createdAt))
      .limit(MAILBOX_SIZE),
  );

  return (
    <main className="mx-auto max-w-4xl space-y-6 p-4 md:p-8">
      <div>
        <h1 className="text-2xl font-semibold">Development mailbox</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Without RESEND_API_KEY, Roster keeps emails here instead of sending them. Newest first; the last {MAILBOX_SIZE}.
        </p>
      </div>
      {captured.length === 0 ? <p className="text-sm">No emails yet.</p> : null}
      {captured.map((email) => {
        const links = [...email.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
        return (
          <article key={email.id} aria-label={`Email to ${email.toAddress}: ${email.subject}`} className="space-y-3 rounded-lg border border-border p-4">
            <header className="space-y-1 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="text-base font-medium">{email.subject}</h2>
                <Badge>{email.status}</Badge>
              </div>
              <p className="text-muted-foreground">
                To {email.toAddress} · from {email.fromAddress}
                {email.replyTo ? ` · reply to ${email.replyTo}` : ""} · {formatDateTime(email.createdAt)}
              </p>
            </header>
            {links.length ? (
              <ul className="space-y-1 text-sm">
                {links.map((link) => (
                  <li key={link}>
                    <a className="break-all font-medium underline" href={link}>
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            {email.html ? (
              <iframe title={`Email to ${email.toAddress}`} srcDoc={email.html} sandbox="" className="h-96 w-full rounded border border-border bg-white" />
            ) : (
              <p className="text-sm text-muted-foreground">This email was {email.status}; its content is no longer kept.</p>
            )}
          </article>
        );
      })}
    </main>
  );
}
