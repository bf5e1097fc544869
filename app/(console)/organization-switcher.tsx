"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { resultOfCall } from "@/lib/actions/failed-call";
import { cn } from "@/lib/cn";
import { switchOrganizationAction } from "./organization-actions";

export type SwitchableOrganization = { id: string; name: string };

/**
 * The console header's organization switcher: the current organization's name, opening a menu of the
 * organizations the admin administers and Create organization. Choosing another makes it the
 * session's current organization on the server (never a parameter the client keeps) and reloads the
 * console on its Users page.
 */
export function OrganizationSwitcher({ current, organizations }: { current: SwitchableOrganization; organizations: SwitchableOrganization[] }) {
  const [pending, startTransition] = useTransition();
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);

  function choose(organization: SwitchableOrganization) {
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
    // Not modal: the rest of the page stays in the accessibility tree (a modal menu hides it while focusable, which axe refuses).
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="max-w-64 justify-between gap-2" disabled={pending}>
          <span className="truncate">
            <span className="sr-only">Organization: </span>
            {switchingTo ? `Switching to ${switchingTo}…` : current.name}
          </span>
          <span aria-hidden className="shrink-0 opacity-60">▾</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Your organizations</DropdownMenuLabel>
        {organizations.map((organization) => {
          const isCurrent = organization.id === current.id;
          return (
            <DropdownMenuItem
              key={organization.id}
              aria-current={isCurrent ? "true" : undefined}
              data-organization-id={organization.id}
              onSelect={() => choose(organization)}
            >
              <span aria-hidden className={cn("w-4 shrink-0 text-center", !isCurrent && "invisible")}>✓</span>
              <span className="truncate">{organization.name}</span>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/organizations/new">
            <span aria-hidden className="w-4 shrink-0 text-center">+</span>
            Create organization
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
