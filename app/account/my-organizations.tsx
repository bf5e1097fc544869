"use client";

import dynamic from "next/dynamic";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { resultOfCall } from "@/lib/actions/failed-call";
import { leaveOrganizationAction } from "./actions";

// The dialog's code (Radix Dialog, focus trapping, scroll locking) loads when it is first opened.
const LeaveOrganizationDialog = dynamic(() => import("./leave-organization-dialog"));

/** One organization as /account lists it, every label made on the server. */
export type OrganizationRow = {
  organizationId: string;
  organizationName: string;
  role: string;
  /** "23 Dec 2026"; null for an ADMIN_EMAILS address, which has no row there (and nothing to leave). */
  joined: string | null;
  canLeave: boolean;
};

/**
 * My organizations, with Leave organization behind a confirmation. The rows come from the server and
 * are drawn again by the action's revalidation; the outcome stays here, above them, once the row is gone.
 */
export function MyOrganizations({ rows }: { rows: OrganizationRow[] }) {
  const [pending, startTransition] = useTransition();
  const [leaving, setLeaving] = useState<OrganizationRow | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const status = useRef<HTMLDivElement>(null);

  const leave = (row: OrganizationRow) =>
    startTransition(async () => {
      const result = await resultOfCall(leaveOrganizationAction({ organizationId: row.organizationId }));
      setLeaving(null);
      setOutcome(result.ok ? { ok: true, message: `You left ${row.organizationName}.` } : { ok: false, message: result.message });
    });

  // Back to the Leave button that opened the dialog, or, once its row is gone, to the outcome.
  const returnFocus = (event: Event) => {
    event.preventDefault();
    if (opener.current?.isConnected) opener.current.focus();
    else status.current?.focus();
  };

  return (
    <div className="space-y-3">
      <div ref={status} tabIndex={-1} aria-live="polite" className="outline-none">
        {outcome ? <Alert tone={outcome.ok ? "neutral" : "danger"}>{outcome.message}</Alert> : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm">You are not a user of any organization any more.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Organization</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Joined</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.organizationId} data-organization-id={row.organizationId}>
                <TableCell className="font-medium">{row.organizationName}</TableCell>
                <TableCell>{row.role}</TableCell>
                <TableCell>{row.joined ?? <span className="text-muted-foreground">Through ADMIN_EMAILS</span>}</TableCell>
                <TableCell className="text-right">
                  {row.canLeave ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={pending}
                      aria-label={`Leave organization ${row.organizationName}`}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setOutcome(null);
                        setLeaving(row);
                      }}
                    >
                      Leave organization
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {leaving ? (
        <LeaveOrganizationDialog
          organizationName={leaving.organizationName}
          pending={pending}
          onLeave={() => leave(leaving)}
          onClose={() => setLeaving(null)}
          onCloseAutoFocus={returnFocus}
        />
      ) : null}
    </div>
  );
}
