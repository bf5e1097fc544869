"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resultOfCall } from "@/lib/actions/failed-call";
import { cn } from "@/lib/cn";
import { switchOrganizationAction } from "./organization-actions";

export type SwitchableOrganization = { id: string; name: string };

const itemClass = "flex w-full cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-left outline-none hover:bg-muted focus:bg-muted";

/**
 * The console header's organization switcher: the current organization's name, opening a menu of the
 * organizations the admin administers and Create organization. Choosing another makes it the
 * session's current organization on the server (never a parameter the client keeps) and reloads the
 * console on its Users page. A small menu of its own (the WAI-ARIA menu button pattern: arrows, Home,
 * End, Escape) rather than a positioning library: every console page loads it.
 */
export function OrganizationSwitcher({ current, organizations }: { current: SwitchableOrganization; organizations: SwitchableOrganization[] }) {
  const [open, setOpen] = useState<false | "first" | "last">(false);
  const [pending, startTransition] = useTransition();
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const triggerId = useId();
  const menuId = useId();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const all = items();
    (open === "first" ? all[0] : all.at(-1))?.focus();
    // A press anywhere else closes the menu.
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !trigger.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) trigger.current?.focus();
  }

  function onMenuKeyDown(event: React.KeyboardEvent) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number | undefined> = { ArrowDown: (at + 1) % all.length, ArrowUp: (at - 1 + all.length) % all.length, Home: 0, End: all.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      all[move[event.key]!]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  }

  function choose(organization: SwitchableOrganization) {
    close(true);
    if (organization.id === current.id) return;
    setSwitchingTo(organization.name);
    startTransition(async () => {
      const result = await resultOfCall(switchOrganizationAction({ organizationId: organization.id }));
      if (result.ok) {
        // A full load: every page, the header and the tables read the new organization from the session.
        window.location.assign("/users");
      } else {
        setSwitchingTo(null);
        toast.error(result.message);
      }
    });
  }

  return (
    <div className="relative">
      <Button
        ref={trigger}
        id={triggerId}
        variant="outline"
        size="sm"
        className="max-w-64 justify-between gap-2"
        disabled={pending}
        aria-haspopup="menu"
        aria-expanded={Boolean(open)}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => (was ? false : "first"))}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(event.key === "ArrowDown" ? "first" : "last");
          }
        }}
      >
        <span className="truncate">
          <span className="sr-only">Organization: </span>
          {switchingTo ? `Switching to ${switchingTo}…` : current.name}
        </span>
        <span aria-hidden className="shrink-0 opacity-60">
          ▾
        </span>
      </Button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-labelledby={triggerId}
          onKeyDown={onMenuKeyDown}
          className="absolute left-0 top-full z-50 mt-1 min-w-56 rounded-md border border-border bg-card p-1 text-sm shadow-md"
        >
          <div role="group" aria-label="Your organizations">
            {organizations.map((organization) => {
              const isCurrent = organization.id === current.id;
              return (
                <button
                  key={organization.id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-current={isCurrent ? "true" : undefined}
                  data-organization-id={organization.id}
                  className={itemClass}
                  onClick={() => choose(organization)}
                >
                  <span aria-hidden className={cn("w-4 shrink-0 text-center", !isCurrent && "invisible")}>
                    ✓
                  </span>
                  <span className="truncate">{organization.name}</span>
                </button>
              );
            })}
          </div>
          <div role="separator" className="-mx-1 my-1 h-px bg-border" />
          <Link href="/organizations/new" role="menuitem" tabIndex={-1} className={itemClass} onClick={() => setOpen(false)}>
            <span aria-hidden className="w-4 shrink-0 text-center">
              +
            </span>
            Create organization
          </Link>
        </div>
      ) : null}
    </div>
  );
}
