"use client";

import { render } from "@react-email/components";
import { useDeferredValue, useEffect, useState } from "react";
import { addDays, formatLongDate } from "@/lib/format-date";
import { InvitationEmail, invitationSubject } from "@/lib/email/templates/invitation-email";

type PreviewValues = { organizationName: string; contactEmail: string; customMessage: string; validityDays: string };

/** The real invitation template, rendered in the browser as the admin types. */
export function InvitationPreview({ values, inviterName }: { values: PreviewValues; inviterName: string }) {
  const deferred = useDeferredValue(values);
  const [html, setHtml] = useState("");
  const days = Math.min(90, Math.max(1, Number.parseInt(deferred.validityDays, 10) || 30));
  const props = {
    organizationName: deferred.organizationName.trim() || "Your organization",
    inviterName,
    inviteeFirstName: "Alex",
    customMessage: deferred.customMessage.trim() || null,
    joinUrl: `${typeof window === "undefined" ? "" : window.location.origin}/join/…`,
    expiresOn: formatLongDate(addDays(new Date(), days)),
    contactEmail: deferred.contactEmail.trim() || null,
  };
  const key = JSON.stringify(props);

  useEffect(() => {
    let current = true;
    render(InvitationEmail(JSON.parse(key))).then((rendered) => current && setHtml(rendered));
    return () => {
      current = false;
    };
  }, [key]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-2">
      <h2 id="preview-heading" className="text-sm font-semibold">
        Preview of the invitation email
      </h2>
      <p className="text-sm text-muted-foreground">
        Subject: <span className="text-foreground">{invitationSubject(props)}</span>
      </p>
      <iframe title="Invitation email preview" srcDoc={html} sandbox="" className="h-[560px] w-full rounded-md border border-border bg-white" />
    </section>
  );
}
