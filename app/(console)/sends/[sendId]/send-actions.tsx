"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resultOfCall } from "@/lib/actions/failed-call";
import { resendToNotJoinedAction, retryFailedAction } from "../../users/actions";
import { usersCount } from "../../users/user-names";

const emailsCount = (count: number) => (count === 1 ? "1 email" : `${count.toLocaleString("en")} emails`);

/** What a send's page offers next: Retry failed, and Resend to those who have not joined. */
export function SendActions({ sendId, failed, notJoined }: { sendId: string; failed: number; notJoined: number }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const [resending, startResend] = useTransition();

  function retry() {
    startRetry(async () => {
      const result = await resultOfCall(retryFailedAction({ sendId }));
      if (!result.ok) return void toast.error(result.message);
      const { retried, deadLinks } = result.data;
      if (retried > 0) toast.success(`${emailsCount(retried)} queued again, with the same links.`);
      if (deadLinks > 0) {
        toast.warning(`${emailsCount(deadLinks)} not retried: their link no longer works (used, replaced, removed or expired). Resend to those who have not joined instead.`);
      }
      if (retried === 0 && deadLinks === 0) toast.info("No failed emails to retry.");
      router.refresh();
    });
  }

  function resend() {
    startResend(async () => {
      const result = await resultOfCall(resendToNotJoinedAction({ sendId }));
      if (!result.ok) return void toast.error(result.message);
      const { resent, tooSoon, sendId: newSend } = result.data;
      if (resent > 0) toast.success(`New invitations queued for ${usersCount(resent)}.`);
      if (tooSoon > 0) toast.warning(`Not resent to ${usersCount(tooSoon)}: an invitation was sent less than a minute ago. Try again in a minute.`);
      if (resent === 0 && tooSoon === 0) toast.info("Everyone of this send has joined or been removed: nobody to resend to.");
      if (newSend) router.push(`/sends/${newSend}`);
      else router.refresh();
    });
  }

  return (
    <section aria-labelledby="next-heading" className="space-y-3">
      <h2 id="next-heading" className="text-lg font-semibold">
        Next steps
      </h2>
      <div className="flex flex-wrap items-start gap-6 text-sm">
        <div className="max-w-xs space-y-2">
          <Button variant="outline" onClick={retry} disabled={retrying || failed === 0}>
            {retrying ? "Retrying…" : "Retry failed"}
          </Button>
          <p className="text-muted-foreground">
            {failed === 0 ? "No email of this send failed." : `Sends the ${emailsCount(failed)} that failed again, with the same links.`}
          </p>
        </div>
        <div className="max-w-xs space-y-2">
          <Button variant="outline" onClick={resend} disabled={resending || notJoined === 0}>
            {resending ? "Resending…" : "Resend to those who have not joined"}
          </Button>
          <p className="text-muted-foreground">
            {notJoined === 0
              ? "Everyone of this send has joined or been removed."
              : `${usersCount(notJoined)} still Pending or Expired: each gets a new link, and their current one stops working.`}
          </p>
        </div>
      </div>
    </section>
  );
}
