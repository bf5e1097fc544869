"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { userStatusLabels } from "@/lib/invitations/status";
import type { UsersView } from "@/lib/users/user-selection";
import { usersCount } from "./user-names";

const describeView = (view: UsersView) => {
  const parts = [
    view.q ? `matching “${view.q}”` : null,
    view.status.length ? `with status ${view.status.map((status) => userStatusLabels[status]).join(" or ")}` : null,
    view.send ? "of this send" : null,
  ].filter(Boolean);
  return parts.length ? `Everyone ${parts.join(", ")}.` : "Every user of the organization.";
};

const copy = {
  resend: {
    title: (count: number) => `Resend invitation to ${usersCount(count)}?`,
    description:
      "Each of them who has not enrolled gets a new link with a fresh validity period, and their current link stops working. Enrolled users, and anyone sent an invitation less than a minute ago, are skipped.",
    confirm: "Resend invitation",
    pending: "Resending…",
  },
  remove: {
    title: (count: number) => `Remove ${usersCount(count)}?`,
    description: "They leave the organization and any invitation link they hold stops working at once. You can invite them again later.",
    confirm: "Remove",
    pending: "Removing…",
  },
};

/** The confirmation before Resend invitation or Remove user applies to all N users of a view: it says N. */
export default function AllMatchingDialog({
  action,
  count,
  view,
  pending,
  onConfirm,
  onClose,
}: {
  action: "resend" | "remove";
  count: number;
  view: UsersView;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const text = copy[action];
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogTitle>{text.title(count)}</DialogTitle>
        <DialogDescription>{text.description}</DialogDescription>
        <p className="mt-3 text-sm">{describeView(view)}</p>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant={action === "remove" ? "destructive" : "default"} disabled={pending} onClick={onConfirm}>
            {pending ? text.pending : text.confirm}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
