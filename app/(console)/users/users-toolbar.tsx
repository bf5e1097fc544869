"use client";

import { debounce, type Options } from "nuqs";
import { useState, type ReactNode } from "react";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { userStatusLabels, userStatuses, type UserStatus } from "@/lib/invitations/status";

/** A search settles this long after the last keystroke: one request, and one history entry, per pause. */
const SEARCH_SETTLES_AFTER_MS = 300;

type ViewChange = { q?: string; status?: UserStatus[] };

/** Search (name or email) as you type, the status filter (each change is a new view of the table) and Export CSV of the view. */
export function UsersToolbar({
  q,
  status,
  exportHref,
  onChange,
  children,
}: {
  q: string;
  status: UserStatus[];
  /** The current view's export: every row it matches, in its order. */
  exportHref: string;
  onChange: (change: ViewChange, options?: Pick<Options, "limitUrlUpdates">) => void;
  /** More controls at the end of the toolbar (Columns). */
  children?: ReactNode;
}) {
  // What is typed, spaces and all; the view gets it trimmed. nuqs holds the new q at once and writes
  // the URL (and so asks the server) once typing pauses; a newer navigation supersedes an older one.
  const [typed, setTyped] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    // Back, Forward or a link changed the search: the box follows.
    setShownQ(q);
    if (q !== typed.trim()) setTyped(q);
  }
  const search = (text: string, settle: "debounced" | "now") => {
    setTyped(text);
    setShownQ(text.trim());
    onChange({ q: text.trim() }, settle === "debounced" ? { limitUrlUpdates: debounce(SEARCH_SETTLES_AFTER_MS) } : undefined);
  };
  const toggleStatus = (toggled: UserStatus) =>
    onChange({ status: status.includes(toggled) ? status.filter((s) => s !== toggled) : [...status, toggled] });
  return (
    <DataTableToolbar>
      {/* Without JavaScript the form submits ?q= like any GET form; with it, Enter settles the search at once. */}
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          search(typed, "now");
        }}
      >
        <Input
          name="q"
          type="search"
          aria-label="Search users"
          placeholder="Search by name or email"
          value={typed}
          onChange={(event) => search(event.target.value, "debounced")}
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
      {/* A plain link: the browser downloads the file as it streams, and the session cookie goes with it. */}
      <a href={exportHref} download className={buttonVariants({ variant: "outline", size: "sm", className: "ml-auto" })}>
        Export CSV
      </a>
      {children}
    </DataTableToolbar>
  );
}
