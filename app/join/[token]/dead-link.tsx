import type { JoinOutcome } from "./join-outcome";

const headings = {
  used: "This invitation has already been used",
  replaced: "This invitation link was replaced by a newer one",
  revoked: "This invitation was withdrawn",
  expired: "This invitation has expired",
  valid: "This invitation could not be used",
  unknown: "This invitation link is not valid",
  limited: "Too many attempts",
  error: "Something went wrong on our side",
} as const;

const explanations = {
  used: "Someone already joined with this link. Each link works once. If that was you, you are already a member.",
  replaced: "A new invitation was sent to you after this one, so this link no longer works. Use the link in the newest invitation email.",
  revoked: "Your organization removed this invitation, so the link no longer works.",
  expired: "Invitation links are valid for a limited time, and this one has run out.",
  valid: "Try the link again.",
  unknown: "We could not find an invitation for this link. Check that you copied the whole link from the email.",
  limited: "",
  error: "We could not complete your request and nothing was changed. Try again in a moment.",
} as const;

/** The page for every link that cannot be used, saying plainly which case it is. */
export function DeadLink({ outcome }: { outcome: Exclude<JoinOutcome, { state: "joined" }> }) {
  const contactEmail = "contactEmail" in outcome ? outcome.contactEmail : null;
  const organizationName = "organizationName" in outcome ? outcome.organizationName : null;
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">{headings[outcome.state]}</h1>
      <p className="text-sm text-muted-foreground">{outcome.state === "limited" ? outcome.message : explanations[outcome.state]}</p>
      {outcome.state !== "used" && outcome.state !== "error" && outcome.state !== "limited" ? (
        <p className="text-sm">
          {contactEmail ? (
            <>
              To get a new invitation, write to{" "}
              <a className="font-medium underline" href={`mailto:${contactEmail}`}>
                {contactEmail}
              </a>
              .
            </>
          ) : (
            `To get a new invitation, ask the person who invited you${organizationName ? ` to ${organizationName}` : ""}.`
          )}
        </p>
      ) : null}
    </div>
  );
}
