"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { formatShortDate } from "@/lib/format-date";
import { userStatusLabels, type UserStatus } from "@/lib/invitations/status";
import type { UserRow } from "@/lib/users/list-users";
import { optionalUserColumnLabels, type OptionalUserColumn } from "@/lib/users/optional-columns";
import { roleLabels } from "@/lib/users/role-labels";
import { DeliveryDetailsButton } from "./delivery-details-button";

const statusTones: Record<UserStatus, "success" | "warning" | "neutral"> = {
  enrolled: "success",
  expired: "warning",
  pending: "neutral",
};

/** Delivery states worth a badge; plain "sent" and "delivered" are what everyone expects and stay quiet. */
const deliveryBadges: Record<string, { label: string; tone: "danger" | "neutral" }> = {
  queued: { label: "Sending", tone: "neutral" },
  failed: { label: "Delivery failed", tone: "danger" },
  bounced: { label: "Bounced", tone: "danger" },
};

const dateCell = (date: Date | null) => (date ? formatShortDate(date) : <span className="text-muted-foreground">—</span>);

/** Columns an admin may add; not sortable. */
const optionalColumns: Record<OptionalUserColumn, ColumnDef<UserRow>> = {
  invitedBy: {
    id: "invitedBy",
    header: optionalUserColumnLabels.invitedBy,
    cell: ({ row }) => row.original.invitedBy ?? <span className="text-muted-foreground">—</span>,
  },
  lastSent: { id: "lastSent", header: optionalUserColumnLabels.lastSent, cell: ({ row }) => dateCell(row.original.lastSentAt) },
};

/** The Users table's columns, with the optional ones the admin shows; their ids are the sort ids of lib/users/users-search-params.ts. */
export function getUserColumns(shown: readonly OptionalUserColumn[] = []): ColumnDef<UserRow>[] {
  return [
    {
      id: "select",
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all users on this page"
          checked={table.getIsAllPageRowsSelected() ? true : table.getIsSomePageRowsSelected() ? "indeterminate" : false}
          onCheckedChange={(checked) => table.toggleAllPageRowsSelected(checked === true)}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select ${row.original.email}`}
          checked={row.getIsSelected()}
          onCheckedChange={(checked) => row.toggleSelected(checked === true)}
        />
      ),
    },
    {
      id: "name",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      cell: ({ row }) => (
        <span className="font-medium">
          {row.original.firstName} {row.original.lastName}
        </span>
      ),
    },
    { id: "email", header: ({ column }) => <DataTableColumnHeader column={column} title="Email" />, cell: ({ row }) => row.original.email },
    { id: "role", header: "Role", cell: ({ row }) => roleLabels[row.original.role] },
    {
      id: "status",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
      cell: ({ row }) => {
        const delivery = row.original.status !== "enrolled" && row.original.deliveryStatus ? deliveryBadges[row.original.deliveryStatus] : undefined;
        const reminded = row.original.status !== "enrolled" ? row.original.reminderSentAt : null;
        return (
          <span className="flex flex-wrap items-center gap-1">
            <Badge tone={statusTones[row.original.status]}>{userStatusLabels[row.original.status]}</Badge>
            {delivery ? <Badge tone={delivery.tone}>{delivery.label}</Badge> : null}
            {reminded ? <span className="text-xs text-muted-foreground">Reminded {formatShortDate(reminded)}</span> : null}
          </span>
        );
      },
    },
    { id: "invitedAt", header: ({ column }) => <DataTableColumnHeader column={column} title="Invited" />, cell: ({ row }) => dateCell(row.original.invitedAt) },
    { id: "expiresAt", header: ({ column }) => <DataTableColumnHeader column={column} title="Expires" />, cell: ({ row }) => dateCell(row.original.expiresAt) },
    { id: "enrolledAt", header: ({ column }) => <DataTableColumnHeader column={column} title="Enrolled" />, cell: ({ row }) => dateCell(row.original.enrolledAt) },
    ...shown.map((column) => optionalColumns[column]),
    { id: "delivery", header: "Delivery", cell: ({ row }) => <DeliveryDetailsButton memberId={row.original.id} email={row.original.email} /> },
  ];
}
