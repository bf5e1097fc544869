"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { resultOfCall } from "@/lib/actions/failed-call";
import { formatDateTime } from "@/lib/format-date";
import type { DeliveredEmail, DeliveryStep } from "@/lib/users/delivery-details";
import { deliveryDetailsAction } from "./actions";

const stepLabels: Record<DeliveryStep["what"], string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  complained: "Marked as spam",
  delivery_delayed: "Delayed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const statusTones: Record<DeliveredEmail["status"], "success" | "danger" | "neutral"> = {
  queued: "neutral",
  sent: "neutral",
  delivered: "success",
  bounced: "danger",
  failed: "danger",
  cancelled: "neutral",
};

const stepDetail = (step: DeliveryStep, email: DeliveredEmail) => {
  if (step.what === "sent" && step.detail) return `provider id ${step.detail}`;
  if (step.what === "failed") return `after ${email.attempts} ${email.attempts === 1 ? "attempt" : "attempts"}${step.detail ? `: ${step.detail}` : ""}`;
  if (step.what === "cancelled") return "before it reached the provider: the link was replaced or the user removed";
  return step.detail;
};

function EmailHistory({ email }: { email: DeliveredEmail }) {
  const retrying = email.status === "queued" && email.attempts > 0;
  return (
    <li className="space-y-2 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{email.subject}</span>
        <Badge tone={statusTones[email.status]}>{stepLabels[email.status]}</Badge>
      </div>
      <p className="text-xs text-muted-foreground">
        To {email.toAddress} · {email.attempts} {email.attempts === 1 ? "attempt" : "attempts"}
      </p>
      {retrying ? (
        <p className="text-sm">
          Retrying{email.lastError ? `; the last attempt failed: ${email.lastError}` : ""}
        </p>
      ) : null}
      <ol className="space-y-1 text-sm">
        {email.steps.map((step, index) => {
          const detail = stepDetail(step, email);
          return (
            <li key={index} className="flex flex-wrap gap-x-2">
              <span className="font-medium">{stepLabels[step.what]}</span>
              {step.at ? <time dateTime={new Date(step.at).toISOString()}>{formatDateTime(new Date(step.at))}</time> : null}
              {detail ? <span className="break-all text-muted-foreground">{detail}</span> : null}
            </li>
          );
        })}
      </ol>
    </li>
  );
}

/** Delivery details: the history of one user's invitation emails, read when opened. Mounted open; closing unmounts it. */
export default function DeliveryDetailsDialog({ memberId, email, onClose }: { memberId: string; email: string; onClose: () => void }) {
  const [state, setState] = useState<{ kind: "loading" } | { kind: "loaded"; emails: DeliveredEmail[] } | { kind: "failed"; message: string }>({
    kind: "loading",
  });

  useEffect(() => {
    let current = true;
    void resultOfCall(deliveryDetailsAction({ memberId })).then((result) => {
      if (!current) return;
      setState(result.ok ? { kind: "loaded", emails: result.data } : { kind: "failed", message: result.message });
    });
    return () => {
      current = false;
    };
  }, [memberId]);

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-w-xl">
        <DialogTitle>Delivery details</DialogTitle>
        <DialogDescription>Invitation emails to {email}, newest first. Times are in UTC.</DialogDescription>
        <div className="mt-3 max-h-[60vh] overflow-y-auto" aria-busy={state.kind === "loading"}>
          {state.kind === "loading" ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
          {state.kind === "failed" ? <p role="alert" className="text-sm text-destructive">{state.message}</p> : null}
          {state.kind === "loaded" && state.emails.length === 0 ? (
            <p className="text-sm text-muted-foreground">No invitation email has been made for this user.</p>
          ) : null}
          {state.kind === "loaded" && state.emails.length > 0 ? (
            <ul className="space-y-3">
              {state.emails.map((delivered) => (
                <EmailHistory key={delivered.id} email={delivered} />
              ))}
            </ul>
          ) : null}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Close</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
