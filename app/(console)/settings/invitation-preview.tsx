"use client";

import { useEffect, useRef, useState } from "react";
import { resultOfCall } from "@/lib/actions/failed-call";
import type { InvitationPreviewEmail } from "@/lib/email/templates/render-invitations";
import type { InvitationPreviewInput } from "@/lib/validation/invitation-settings";
import { previewInvitationEmailAction } from "./actions";

/** How long typing must pause before the preview is rendered again. */
const PREVIEW_DELAY_MS = 250;

/**
 * The real invitation template, rendered by the server (previewInvitationEmailAction) as the admin
 * types: the first one comes with the page, later ones once typing pauses. The email is shown in a
 * sandboxed document of its own (no scripts, no access to this page).
 */
export function InvitationPreview({ values, initial }: { values: InvitationPreviewInput; initial: InvitationPreviewEmail }) {
  const [preview, setPreview] = useState(initial);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(values);
  const shownKey = useRef(key);

  useEffect(() => {
    if (key === shownKey.current) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await resultOfCall(previewInvitationEmailAction(JSON.parse(key) as InvitationPreviewInput));
      if (!current) return;
      setFailed(!result.ok);
      if (result.ok) {
        shownKey.current = key;
        setPreview(result.data);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-2">
      <h2 id="preview-heading" className="text-sm font-semibold">
        Preview of the invitation email
      </h2>
      <p className="text-sm text-muted-foreground">
        Subject: <span className="text-foreground">{preview.subject}</span>
      </p>
      {failed ? <p className="text-sm text-muted-foreground">The preview could not be updated. Try again in a moment.</p> : null}
      <iframe title="Invitation email preview" srcDoc={preview.html} sandbox="" className="h-[560px] w-full rounded-md border border-border bg-white" />
    </section>
  );
}
