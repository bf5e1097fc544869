"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { UserRow } from "@/lib/users/list-users";
import { resultOfCall } from "@/lib/actions/failed-call";
import type { MemberRole } from "@/db/schema";
import { roleLabels } from "@/lib/users/role-labels";
import type { UsersView } from "@/lib/users/user-selection";
import {
  changeRolesAction,
  copyInvitationLinkAction,
  removeUsersAction,
  removeUsersInViewAction,
  resendInvitationsAction,
  resendInvitationsToViewAction,
} from "./actions";
import { usersCount } from "./user-names";

// The dialog's code (Radix Dialog, focus trapping, scroll locking) loads when it is first opened.
const RemoveUsersDialog = dynamic(() => import("./remove-users-dialog"));
const ChangeRoleDialog = dynamic(() => import("./change-role-dialog"));
const CopyInvitationLinkDialog = dynamic(() => import("./copy-invitation-link-dialog"));
const AllMatchingDialog = dynamic(() => import("./all-matching-dialog"));

/** Select all N users: the view whose N users the actions apply to, found again by the server. */
export type AllMatching = { view: UsersView; count: number };

export function BulkActions({ selected, allMatching, onDone }: { selected: UserRow[]; allMatching: AllMatching | null; onDone: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"resend" | "remove" | "role" | "link" | null>(null);
  const [copying, setCopying] = useState<{ email: string; joinUrl: string } | null>(null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [choosingRole, setChoosingRole] = useState(false);
  const [confirmingAll, setConfirmingAll] = useState<"resend" | "remove" | null>(null);
  const memberIds = selected.map((user) => user.id);

  const resendToAll = (all: AllMatching) =>
    startTransition(async () => {
      setRunning("resend");
      const result = await resultOfCall(resendInvitationsToViewAction({ view: all.view }));
      setConfirmingAll(null);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      const { resent, skippedEnrolled, tooSoon } = result.data;
      if (resent) toast.success(`Invitation resent to ${usersCount(resent)}.`);
      if (skippedEnrolled) toast.info(`Skipped ${usersCount(skippedEnrolled)} already enrolled, so no invitation is needed.`);
      if (tooSoon) toast.warning(`Not resent to ${usersCount(tooSoon)}: an invitation was sent less than a minute ago. Try again in a minute.`);
      onDone();
      router.refresh();
    });

  const removeAll = (all: AllMatching) =>
    startTransition(async () => {
      setRunning("remove");
      const result = await resultOfCall(removeUsersInViewAction({ view: all.view }));
      setConfirmingAll(null);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(`Removed ${usersCount(result.data.removed)}.`);
      onDone();
      router.refresh();
    });

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

  // Only for one user who has not joined: a link is theirs alone, and an Enrolled user needs none.
  const linkable = selected.length === 1 && selected[0]!.status !== "enrolled";
  const copyLink = () =>
    startTransition(async () => {
      setRunning("link");
      const result = await resultOfCall(copyInvitationLinkAction({ memberId: selected[0]!.id }));
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      setCopying(result.data);
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

  const changeRole = (role: MemberRole) =>
    startTransition(async () => {
      setRunning("role");
      const result = await resultOfCall(changeRolesAction({ memberIds, role }));
      setChoosingRole(false);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      const { changed, unchanged } = result.data;
      const roleName = roleLabels[role].toLowerCase();
      if (changed.length === 1) toast.success(`${changed[0]} is now ${role === "admin" ? "an" : "a"} ${roleName}.`);
      if (changed.length > 1) toast.success(`${usersCount(changed.length)} are now ${roleName}s.`);
      if (unchanged.length) toast.info(`Unchanged: ${unchanged.join(", ")} already had the ${roleName} role.`);
      onDone();
      router.refresh();
    });

  return (
    <div className="flex flex-wrap items-center gap-2" aria-live="polite">
      <span className="text-sm text-muted-foreground">
        {allMatching
          ? `${usersCount(allMatching.count)} selected`
          : selected.length
            ? `${usersCount(selected.length)} selected`
            : "Select users to resend, change role or remove"}
      </span>
      <Button
        variant="outline"
        size="sm"
        disabled={!selected.length || pending}
        onClick={allMatching ? () => setConfirmingAll("resend") : resend}
        aria-busy={pending && running === "resend"}
      >
        {pending && running === "resend" ? "Resending…" : "Resend invitation"}
      </Button>
      <Button variant="outline" size="sm" disabled={!linkable || Boolean(allMatching) || pending} onClick={copyLink} aria-busy={pending && running === "link"}>
        Copy invitation link
      </Button>
      {/* Change role stays with the rows ticked on a page: Select all N users serves resends and removals. */}
      <Button variant="outline" size="sm" disabled={!selected.length || Boolean(allMatching) || pending} onClick={() => setChoosingRole(true)}>
        Change role
      </Button>
      <Button
        variant="outline"
        size="sm"
        disabled={!selected.length || pending}
        onClick={() => (allMatching ? setConfirmingAll("remove") : setConfirmingRemoval(true))}
      >
        Remove user
      </Button>
      {choosingRole ? (
        <ChangeRoleDialog selected={selected} pending={pending} onChangeRole={changeRole} onClose={() => setChoosingRole(false)} />
      ) : null}
      {copying ? (
        <CopyInvitationLinkDialog
          email={copying.email}
          joinUrl={copying.joinUrl}
          onClose={() => {
            setCopying(null);
            onDone();
          }}
        />
      ) : null}
      {allMatching && confirmingAll ? (
        <AllMatchingDialog
          action={confirmingAll}
          count={allMatching.count}
          view={allMatching.view}
          pending={pending}
          onConfirm={() => (confirmingAll === "resend" ? resendToAll(allMatching) : removeAll(allMatching))}
          onClose={() => setConfirmingAll(null)}
        />
      ) : null}
      {confirmingRemoval ? (
        <RemoveUsersDialog selected={selected} pending={pending} onRemove={remove} onClose={() => setConfirmingRemoval(false)} />
      ) : null}
    </div>
  );
}
