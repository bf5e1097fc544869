"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import type { UserRow } from "@/lib/users/list-users";
import { fullName, usersCount } from "./user-names";

/** The confirmation before a removal: names who will be removed. Mounted open; closing unmounts it. */
export default function RemoveUsersDialog({
  selected,
  pending,
  onRemove,
  onClose,
}: {
  selected: UserRow[];
  pending: boolean;
  onRemove: () => void;
  onClose: () => void;
}) {
  const title = selected.length === 1 && selected[0] ? `Remove ${fullName(selected[0])}?` : `Remove ${usersCount(selected.length)}?`;
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
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
          <Button variant="destructive" disabled={pending} onClick={onRemove}>
            {pending ? "Removing…" : "Remove"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
