"use client";

import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { userStatusLabels, userStatuses, type UserStatus } from "@/lib/invitations/status";

/** Search (name or email) and the status filter; each change is a new view of the table. */
export function UsersToolbar({
  q,
  status,
  onChange,
}: {
  q: string;
  status: UserStatus[];
  onChange: (change: { q?: string; status?: UserStatus[] }) => void;
}) {
  const toggleStatus = (toggled: UserStatus) =>
    onChange({ status: status.includes(toggled) ? status.filter((s) => s !== toggled) : [...status, toggled] });
  return (
    <DataTableToolbar>
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: String(new FormData(event.currentTarget).get("q") ?? "").trim() });
        }}
      >
        <Input
          key={q}
          name="q"
          type="search"
          aria-label="Search users"
          placeholder="Search by name or email"
          defaultValue={q}
          maxLength={200}
          className="w-64"
        />
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <div role="group" aria-label="Filter by status" className="flex gap-1">
        {userStatuses.map((value) => (
          <Button
            key={value}
            type="button"
            size="sm"
            variant={status.includes(value) ? "default" : "outline"}
            aria-pressed={status.includes(value)}
            onClick={() => toggleStatus(value)}
          >
            {userStatusLabels[value]}
          </Button>
        ))}
      </div>
    </DataTableToolbar>
  );
}
