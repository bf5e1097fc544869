"use client";

import { useActionState, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { joinAction } from "./actions";
import { DeadLink } from "./dead-link";

/**
 * The Join button and what pressing it did. Without JavaScript the browser posts the form and the
 * page is rendered again with the outcome; by then the link is used, so the page renders this with
 * `closed` (what an unusable link shows) instead of the invitation. The permalink keys the outcome
 * to this link, not to where the form sits in the page, so it still reaches this component.
 */
export function JoinForm({ token, organizationName, closed }: { token: string; organizationName: string; closed?: ReactNode }) {
  const [outcome, formAction, pending] = useActionState(joinAction, null, `/join/${token}`);
  if (outcome?.state === "joined") {
    return (
      <div className="space-y-3" role="status">
        <h2 className="text-lg font-semibold">Welcome to {outcome.organizationName}</h2>
        <p className="text-sm text-muted-foreground">You have joined the organization. Sign in to see your organizations.</p>
        {/* A plain link: next/link would add its client code to the join page. */}
        <a className={cn(buttonVariants(), "w-full")} href={`/sign-in?${new URLSearchParams({ email: outcome.email })}`}>
          Sign in
        </a>
      </div>
    );
  }
  if (outcome) return <DeadLink outcome={outcome} />;
  if (closed) return closed;
  return (
    <form action={formAction}>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${organizationName}`}
      </Button>
    </form>
  );
}
