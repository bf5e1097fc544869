"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import type { UserRow } from "@/lib/users/list-users";
import { resultOfCall } from "@/lib/actions/failed-call";
import { removeUsersAction, resendInvitationsAction } from "./actions";

const usersCount = (count: number) => (count === 1 ? "1 user" : `${count} users`);
const fullName = (user: UserRow) => `${user.firstName} ${user.lastName}`;

export function BulkActions({ selected, onDone }: { selected: UserRow[]; onDone: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"resend" | "remove" | null>(null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const memberIds = selected.map((user) => user.id);

  const resend = () =>
    startTransition(async () => {
      setRunning("resend");
      const result = await resultOfCall(resendInvitationsAction({ memberIds }));
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      const { resent, skippedEnrolled, tooSoon } = result.data;
      if (resent.length) toast.success(`Invitation resent to ${resent.length === 1 ? resent[0] : usersCount(resent.length)}.`);
      if (skippedEnrolled.length)
        toast.info(`Skipped ${skippedEnrolled.join(", ")}: already enrolled, so no invitation is needed.`);
      if (tooSoon.length)
        toast.warning(`Not resent to ${tooSoon.join(", ")}: an invitation was sent less than a minute ago. Try again in a minute.`);
      onDone();
      router.refresh();
    });

  const remove = () =>
    startTransition(async () => {
      setRunning("remove");
      const result = await resultOfCall(removeUsersAction({ memberIds }));
      setConfirmingRemoval(false);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(`Removed ${result.data.removed.length === 1 ? result.data.removed[0] : usersCount(result.data.removed.length)}.`);
      onDone();
      router.refresh();
    });

  const title = selected.length === 1 && selected[0] ? `Remove ${fullName(selected[0])}?` : `Remove ${usersCount(selected.length)}?`;

  return (
    <div className="flex flex-wrap items-center gap-2" aria-live="polite">
      <span className="text-sm text-muted-foreground">
        {selected.length ? `${usersCount(selected.length)} selected` : "Select users to resend or remove"}
      </span>
      <Button variant="outline" size="sm" disabled={!selected.length || pending} onClick={resend} aria-busy={pending && running === "resend"}>
        {pending && running === "resend" ? "Resending…" : "Resend invitation"}
      </Button>
      <Button variant="outline" size="sm" disabled={!selected.length || pending} onClick={() => setConfirmingRemoval(true)}>
        Remove user
      </Button>
      <Dialog open={confirmingRemoval} onOpenChange={setConfirmingRemoval}>
        <DialogContent>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            They leave the organization and any invitation link they hold stops working at once. You can invite them again later.
          </DialogDescription>
          <ul className="mt-3 max-h-48 list-disc overflow-y-auto pl-5 text-sm">
            {selected.map((user) => (
              <li key={user.id}>
                {fullName(user)} ({user.email})
              </li>
            ))}
          </ul>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button variant="destructive" disabled={pending} onClick={remove}>
              {pending ? "Removing…" : "Remove"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
