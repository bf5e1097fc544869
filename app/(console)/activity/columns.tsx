"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { auditActionLabels } from "@/lib/audit/audit-actions";
import type { ActivityRow } from "@/lib/audit/list-audit-events";
import { formatDateTime } from "@/lib/format-date";

/** The Activity log's columns, newest event first (the log is not sortable). */
export function getActivityColumns(): ColumnDef<ActivityRow>[] {
  return [
    { id: "time", header: "Time", cell: ({ row }) => <span className="whitespace-nowrap">{formatDateTime(row.original.createdAt)}</span> },
    { id: "actor", header: "Actor", cell: ({ row }) => actorOf(row.original) },
    {
      id: "action",
      header: "Action",
      cell: ({ row }) => <span className="whitespace-nowrap">{auditActionLabels[row.original.action] ?? row.original.action}</span>,
    },
    { id: "user", header: "User", cell: ({ row }) => row.original.targetEmail ?? "—" },
    {
      id: "details",
      header: "Details",
      cell: ({ row }) => {
        const { sendId } = row.original.details;
        return (
          <span className="text-muted-foreground">
            {describeDetails(row.original.details)}
            {typeof sendId === "string" ? (
              <>
                {" · "}
                <Link href={`/sends/${sendId}`} className="font-medium text-foreground underline underline-offset-2">
                  View send
                </Link>
              </>
            ) : null}
          </span>
        );
      },
    },
  ];
}

/** Who acted: an admin's address, or the API key the REST API was called with. */
function actorOf(row: ActivityRow): string {
  if (row.actorApiKeyName !== null) return `API key “${row.actorApiKeyName}”`;
  return row.actorEmail ?? "—";
}

/** "Role: admin · Validity days: 30" — the event's recorded details, minus what the row already shows (and the send, a link). */
function describeDetails(details: Record<string, unknown>): string {
  const shown = Object.entries(details)
    .filter(([key, value]) => !["email", "apiKeyId", "sendId"].includes(key) && value !== null && value !== undefined && value !== "")
    .map(([key, value]) => {
      const label = key.replace(/([A-Z])/g, " $1").toLowerCase();
      return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${String(value)}`;
    });
  return shown.length ? shown.join(" · ") : "—";
}
