import { DeadLink } from "./dead-link";
import { JoinShell } from "./join-shell";

/** A link that names no invitation: answered with 404 and a plain explanation. */
export default function UnknownInvitation() {
  return (
    <JoinShell>
      <DeadLink outcome={{ state: "unknown" }} />
    </JoinShell>
  );
}
