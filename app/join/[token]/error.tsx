"use client";

import { overLimitMessage } from "@/lib/actions/failed-call";
import { DeadLink } from "./dead-link";
import { JoinShell } from "./join-shell";

/**
 * A press of Join refused before it ran (proxy.ts's 429 to a client over the join limit) is thrown
 * by the form's action and lands here, shown as the page itself would show it; so does a page that
 * failed to render.
 */
export default function JoinError({ error }: { error: Error & { digest?: string } }) {
  const message = overLimitMessage(error);
  return (
    <JoinShell>
      <DeadLink outcome={message ? { state: "limited", message } : { state: "error" }} />
    </JoinShell>
  );
}
