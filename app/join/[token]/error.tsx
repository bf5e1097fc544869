"use client";

import { DeadLink } from "./dead-link";
import { JoinShell } from "./join-shell";

/** A join page that failed to render, or a press of Join whose call failed on its way. */
export default function JoinError() {
  return (
    <JoinShell>
      <DeadLink outcome={{ state: "error" }} />
    </JoinShell>
  );
}
