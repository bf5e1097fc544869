import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findInvitation } from "@/lib/invitations/join";
import { openWithinJoinLimit } from "@/lib/rate-limit/abuse-limits";
import { requestClientIp } from "@/lib/rate-limit/client-ip";
import { DeadLink } from "./dead-link";
import { JoinShell } from "./join-shell";
import { JoinForm } from "./join-form";

// Its Referrer-Policy is a header, set in next.config.mjs (where it is explained).
export const metadata: Metadata = { title: "Join", robots: { index: false } };

/**
 * Opening the link changes nothing of the invitation until the invitee presses the button: one
 * lookup. A link that names no invitation counts against the client's join limit (a guess).
 */
async function lookUpLink(token: string) {
  const db = getDb();
  const now = new Date();
  return openWithinJoinLimit(
    db,
    { ip: await requestClientIp(), now },
    () => findInvitation(db, token, now),
    (lookup) => lookup.state !== "unknown",
  );
}

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let opened;
  try {
    opened = await lookUpLink(token);
  } catch (error) {
    console.error("Reading an invitation failed", error instanceof Error ? error.message : error);
    return (
      <JoinShell>
        <DeadLink outcome={{ state: "error" }} />
      </JoinShell>
    );
  }
  // Over the limit: usually a 429 from proxy.ts already; a concurrent request gets here (lib/rate-limit/abuse-limits.ts).
  if (opened.limited) {
    return (
      <JoinShell>
        <DeadLink outcome={{ state: "limited", message: opened.message }} />
      </JoinShell>
    );
  }
  const lookup = opened.result;
  if (lookup.state === "unknown") notFound();
  const { page } = lookup;
  if (lookup.state !== "valid") {
    // Through JoinForm: a press of Join without JavaScript renders this page after using the link,
    // and its outcome (Welcome) is shown in place of "already used".
    return (
      <JoinShell>
        <JoinForm
          token={token}
          organizationName={page.organizationName}
          closed={<DeadLink outcome={{ state: lookup.state, organizationName: page.organizationName, contactEmail: page.contactEmail }} />}
        />
      </JoinShell>
    );
  }
  return (
    <JoinShell>
      <div className="space-y-5">
        <div>
          <p className="text-sm text-muted-foreground">You are invited to join</p>
          <h1 className="text-2xl font-semibold">{page.organizationName}</h1>
        </div>
        <p className="text-sm">
          This invitation is for{" "}
          <strong>
            {page.invitee.firstName} {page.invitee.lastName}
          </strong>{" "}
          ({page.invitee.email}).
        </p>
        {page.customMessage ? (
          <blockquote className="whitespace-pre-line border-l-2 border-border pl-4 text-sm">{page.customMessage}</blockquote>
        ) : null}
        <JoinForm token={token} organizationName={page.organizationName} />
        {page.contactEmail ? (
          <p className="text-xs text-muted-foreground">
            Questions? Write to <a className="underline" href={`mailto:${page.contactEmail}`}>{page.contactEmail}</a>.
          </p>
        ) : null}
      </div>
    </JoinShell>
  );
}

