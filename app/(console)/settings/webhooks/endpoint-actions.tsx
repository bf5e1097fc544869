"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { enableWebhookEndpointAction, removeWebhookEndpointAction } from "./actions";

/** Remove (after a confirmation that names the URL) and, for a disabled endpoint, Re-enable. */
export function EndpointActions({ endpoint, afterRemove }: { endpoint: { id: string; url: string; disabled: boolean }; afterRemove?: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        toast.error(result.message ?? "That did not work. Try again.");
        return;
      }
      toast.success(done);
      setConfirming(false);
      if (afterRemove && done.startsWith("Removed")) router.push(afterRemove);
      else router.refresh();
    });

  return (
    <div className="flex justify-end gap-2">
      {endpoint.disabled ? (
        <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => enableWebhookEndpointAction({ endpointId: endpoint.id }), "Endpoint re-enabled.")}>
          Re-enable
        </Button>
      ) : null}
      <Button size="sm" variant="outline" onClick={() => setConfirming(true)}>
        Remove
      </Button>
      {confirming ? (
        <Dialog open onOpenChange={(open) => setConfirming(open)}>
          <DialogContent>
            <DialogTitle>Remove this endpoint?</DialogTitle>
            <DialogDescription>
              {endpoint.url} stops receiving events at once, and deliveries still waiting for it are dropped.
            </DialogDescription>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <Button variant="destructive" disabled={pending} onClick={() => run(() => removeWebhookEndpointAction({ endpointId: endpoint.id }), "Removed the endpoint.")}>
                {pending ? "Removing…" : "Remove"}
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
