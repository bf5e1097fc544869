"use client";

import { useState } from "react";
import type { MemberRole } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import type { UserRow } from "@/lib/users/list-users";
import { roleLabels } from "@/lib/users/role-labels";
import { fullName, usersCount } from "./user-names";

/** Change role: pick Member or Admin for the selected users. Mounted open; closing unmounts it. */
export default function ChangeRoleDialog({
  selected,
  pending,
  onChangeRole,
  onClose,
}: {
  selected: UserRow[];
  pending: boolean;
  onChangeRole: (role: MemberRole) => void;
  onClose: () => void;
}) {
  // Preselect the role that would change something: Admin unless everyone selected already is one.
  const [role, setRole] = useState<MemberRole>(selected.every((user) => user.role === "admin") ? "member" : "admin");
  const who = selected.length === 1 && selected[0] ? fullName(selected[0]) : usersCount(selected.length);
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onChangeRole(role);
          }}
        >
          <DialogTitle>Change role</DialogTitle>
          <DialogDescription>
            Choose the role for {who}. Admins can sign in to this console and manage users; members cannot.
          </DialogDescription>
          <fieldset className="mt-4 space-y-2">
            <legend className="sr-only">Role</legend>
            {(Object.keys(roleLabels) as MemberRole[]).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} />
                {roleLabels[value]}
              </label>
            ))}
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Changing…" : "Change role"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
