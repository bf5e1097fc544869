"use client";

import { auditActionLabels, auditActions, type AuditAction } from "@/lib/audit/audit-actions";

/** Which kind of event the Activity log shows; none chosen, every kind. */
export function ActionFilter({ value, onChange }: { value: AuditAction | null; onChange: (action: AuditAction | null) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      Action
      <select
        className="h-9 rounded-md border border-border bg-background px-2"
        value={value ?? ""}
        onChange={(event) => onChange(auditActions.find((action) => action === event.target.value) ?? null)}
      >
        <option value="">All actions</option>
        {auditActions.map((action) => (
          <option key={action} value={action}>
            {auditActionLabels[action]}
          </option>
        ))}
      </select>
    </label>
  );
}
