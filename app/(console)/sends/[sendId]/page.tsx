import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/caller";
import { formatDateTime } from "@/lib/format-date";
import { userStatusLabels } from "@/lib/invitations/status";
import type { SendCounts } from "@/lib/sends/send-outcome";
import { getSend, notJoinedView } from "@/lib/sends/sends";
import { listUsers } from "@/lib/users/list-users";
import { countSelected } from "@/lib/users/user-selection";
import { usersOfSendHref } from "@/lib/users/users-search-params";
import { sendIdSchema } from "@/lib/validation/sends";
import { SendProgress } from "../send-progress";
import { SendActions } from "./send-actions";

export const metadata: Metadata = { title: "Send" };

/** Users of the send listed on its page; all of them are in the Users table, filtered by the send. */
const LISTED_USERS = 10;

const number = (value: number) => value.toLocaleString("en");
const share = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : "—");

const countLabels: [keyof SendCounts, string, string][] = [
  ["queued", "Queued", "waiting for the email provider"],
  ["sent", "Sent", "accepted by the email provider"],
  ["delivered", "Delivered", "reported delivered by the provider"],
  ["bounced", "Bounced", "refused by the recipient's mail server"],
  ["failed", "Failed", "refused by the provider, or still failing after every retry"],
  ["joined", "Joined", "used their link to join"],
];

/** A send: who sent it and when, what came of its emails, its users, and what can be done next. */
export default async function SendPage({ params }: { params: Promise<{ sendId: string }> }) {
  const admin = await requireAdmin();
  const parsed = sendIdSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const send = await getSend(getDb(), admin.organizationId, parsed.data.sendId);
  if (!send) notFound();
  const { counts } = send;
  const now = new Date();
  const { rows, total } = await listUsers(
    getDb(),
    admin.organizationId,
    { q: "", status: [], send: send.id, sort: "email", dir: "asc", page: 1, perPage: LISTED_USERS },
    now,
  );
  const notJoined = await countSelected(getDb(), admin.organizationId, notJoinedView(send.id), now);
  const sender = send.actorApiKeyName !== null ? `API key “${send.actorApiKeyName}”` : (send.actorEmail ?? "an admin");
  const what = send.kind === "invitation" ? "Invitations" : "Resent invitations";
  const funnel: [string, number][] = [
    ["Sent", counts.sent],
    ["Delivered", counts.delivered],
    ["Joined", counts.joined],
  ];

  return (
    <div className="max-w-4xl space-y-8">
      <div className="space-y-2">
        <Link href="/users" className="text-sm text-muted-foreground underline underline-offset-2">
          ← Users
        </Link>
        <h1 className="text-2xl font-semibold">
          {what} to {number(counts.total)} {counts.total === 1 ? "user" : "users"}
        </h1>
        <p className="text-sm text-muted-foreground">
          Sent by {sender} on {formatDateTime(send.createdAt)}.
        </p>
      </div>

      <SendProgress key={send.id} sendId={send.id} initial={counts} />

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold">
          Counts
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {countLabels.map(([key, label, hint]) => (
            <div key={key} role="group" aria-labelledby={`count-${key}`} className="rounded-lg border border-border p-3">
              <p id={`count-${key}`} className="text-sm text-muted-foreground">
                {label}
              </p>
              <p className="text-2xl font-semibold tabular-nums">{number(counts[key])}</p>
              <p className="text-xs text-muted-foreground">{hint}</p>
            </div>
          ))}
        </div>
        {counts.cancelled > 0 ? (
          <p className="text-sm text-muted-foreground">{number(counts.cancelled)} cancelled: the user was removed, or resent to, before the email went out.</p>
        ) : null}
      </section>

      <section aria-labelledby="funnel-heading" className="space-y-3">
        <h2 id="funnel-heading" className="text-lg font-semibold">
          From sent to joined
        </h2>
        <ol className="space-y-2">
          {funnel.map(([label, value]) => (
            <li key={label} className="grid grid-cols-[6rem_1fr_7rem] items-center gap-3 text-sm">
              <span>{label}</span>
              <span className="h-3 overflow-hidden rounded-full bg-muted" aria-hidden>
                <span className="block h-full bg-primary" style={{ width: counts.total ? `${(value / counts.total) * 100}%` : "0%" }} />
              </span>
              <span className="tabular-nums">
                {number(value)} ({share(value, counts.total)})
              </span>
            </li>
          ))}
        </ol>
      </section>

      <SendActions sendId={send.id} failed={counts.failed} notJoined={notJoined} />

      <section aria-labelledby="users-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="users-heading" className="text-lg font-semibold">
            Users of this send
          </h2>
          <Link href={usersOfSendHref(send.id)} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Show all {number(total)} in the Users table
          </Link>
        </div>
        <Table aria-label="Users of this send">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell>
                  {row.firstName} {row.lastName}
                </TableCell>
                <TableCell className="break-all">{row.email}</TableCell>
                <TableCell>{userStatusLabels[row.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {total > rows.length ? (
          <p className="text-sm text-muted-foreground">
            The first {number(rows.length)} by address; removed users are not listed.
          </p>
        ) : null}
      </section>
    </div>
  );
}
