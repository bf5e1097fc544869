import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { findInvitation } from "@/lib/invitations/join";
import { DeadLink } from "./dead-link";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: "Join", referrer: "no-referrer", robots: { index: false } };

/** Opening the link only reads: nothing changes until the invitee presses the button. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let lookup;
  try {
    lookup = await findInvitation(getDb(), token, new Date());
  } catch (error) {
    console.error("Reading an invitation failed", error instanceof Error ? error.message : error);
    return <Shell><DeadLink outcome={{ state: "error" }} /></Shell>;
  }
  if (lookup.state === "unknown") return <Shell><DeadLink outcome={{ state: "unknown" }} /></Shell>;
  const { page } = lookup;
  if (lookup.state !== "valid") {
    return (
      <Shell>
        <DeadLink outcome={{ state: lookup.state, organizationName: page.organizationName, contactEmail: page.contactEmail }} />
      </Shell>
    );
  }
  return (
    <Shell>
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
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-md rounded-lg border border-border bg-card p-6 shadow-sm">{children}</div>
    </main>
  );
}
