"use client";

import { useRouter } from "next/navigation";
import { auditActionLabels, auditActions } from "@/lib/audit/audit-actions";

export function ActionFilter({ value }: { value: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      Action
      <select
        className="h-9 rounded-md border border-border bg-background px-2"
        value={value}
        onChange={(event) => router.push(event.target.value ? `/activity?action=${event.target.value}` : "/activity")}
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
