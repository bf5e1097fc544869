"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { userStatusLabels, userStatuses, type UserStatus } from "@/lib/invitations/status";
import type { UsersSearchParams } from "@/lib/users/users-search-params";

export function UsersToolbar({
  params,
  onChange,
}: {
  params: UsersSearchParams;
  onChange: (change: Partial<UsersSearchParams>) => void;
}) {
  const toggleStatus = (status: UserStatus) =>
    onChange({
      status: params.status.includes(status) ? params.status.filter((s) => s !== status) : [...params.status, status],
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: String(new FormData(event.currentTarget).get("q") ?? "") });
        }}
      >
        <Input
          key={params.q}
          name="q"
          type="search"
          aria-label="Search users"
          placeholder="Search by name or email"
          defaultValue={params.q}
          className="w-64"
        />
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <div role="group" aria-label="Filter by status" className="flex gap-1">
        {userStatuses.map((status) => (
          <Button
            key={status}
            type="button"
            size="sm"
            variant={params.status.includes(status) ? "default" : "outline"}
            aria-pressed={params.status.includes(status)}
            onClick={() => toggleStatus(status)}
          >
            {userStatusLabels[status]}
          </Button>
        ))}
      </div>
    </div>
  );
}
