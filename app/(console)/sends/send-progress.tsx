"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resultOfCall } from "@/lib/actions/failed-call";
import { describeOutcome, handedOver, isSending, type SendCounts, type SendProgressReading } from "@/lib/sends/send-outcome";
import { dismissSendAction } from "../users/actions";

/** How often a send's counts are read while it is sending. */
const POLL_MS = 1_000;

const number = (value: number) => value.toLocaleString("en");

/**
 * A send's progress: a bar that moves as the provider takes its emails (read from the server about
 * once a second while the tab is visible), then the outcome line. On the Users page it links to the
 * send's page and can be dismissed; on the send's page, the page is refreshed once when it ends. Keyed by
 * the send where it is used, so that another send starts from the server's counts.
 */
export function SendProgress({ sendId, initial, onUsersPage = false }: { sendId: string; initial: SendCounts; onUsersPage?: boolean }) {
  const [counts, setCounts] = useState(initial);
  const [dismissing, startDismiss] = useTransition();
  const router = useRouter();
  const sending = isSending(counts);

  useEffect(() => {
    if (!sending) return;
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const response = await fetch(`/sends/${sendId}/progress`, { cache: "no-store" }).catch(() => null);
      if (stopped || !response?.ok) return;
      const reading = (await response.json()) as SendProgressReading;
      if (stopped) return;
      // While sending, only how many are still queued; the rest with the outcome.
      setCounts((shown) => reading.counts ?? { ...shown, total: reading.total, queued: reading.queued });
      // The send's page renders its counts on the server: read them again once. Not on the Users page,
      // where a refresh at that moment could swallow a click on View send; its table's delivery
      // badges are read again at the next visit.
      if (reading.counts && !onUsersPage) router.refresh();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [sending, sendId, router, onUsersPage]);

  function dismiss() {
    startDismiss(async () => {
      const result = await resultOfCall(dismissSendAction({ sendId }));
      if (!result.ok) toast.error(result.message);
      else router.refresh();
    });
  }

  const done = handedOver(counts);
  const percent = counts.total ? Math.round((done / counts.total) * 100) : 100;
  return (
    <section aria-label="Send progress" className="space-y-2 rounded-lg border border-border p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium">{sending ? "Sending invitations…" : "Send finished"}</p>
        <p className="text-muted-foreground">
          {number(done)} of {number(counts.total)} handed to the email provider
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Sending invitations"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        aria-valuetext={`${number(done)} of ${number(counts.total)}`}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p role="status" className={sending ? "text-muted-foreground" : "font-medium"}>
          {sending ? `${number(counts.queued)} waiting to be sent` : describeOutcome(counts)}
        </p>
        {onUsersPage ? (
          <>
            <Link href={`/sends/${sendId}`} className="font-medium underline underline-offset-4">
              View send
            </Link>
            <Button variant="ghost" size="sm" className="ml-auto" onClick={dismiss} disabled={dismissing}>
              Dismiss
            </Button>
          </>
        ) : null}
      </div>
    </section>
  );
}
