"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";

/** The confirmation before leaving: names the organization. Mounted open; closing unmounts it. */
export default function LeaveOrganizationDialog({
  organizationName,
  pending,
  onLeave,
  onClose,
  onCloseAutoFocus,
}: {
  organizationName: string;
  pending: boolean;
  onLeave: () => void;
  onClose: () => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <DialogTitle>Leave {organizationName}?</DialogTitle>
        <DialogDescription>
          You will no longer be a user of {organizationName}: it stops listing you, and only an invitation from one of its admins
          lets you join again.
        </DialogDescription>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" disabled={pending} onClick={onLeave}>
            {pending ? "Leaving…" : "Leave organization"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
