"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** exact: only this page, not its sub-pages; also: another path prefix that belongs with this link. */
type NavLink = { href: string; label: string; exact?: boolean; also?: string };

const groups: { label: string; links: NavLink[] }[] = [
  {
    label: "Resources",
    links: [
      // A send's page (/sends/…) belongs with the users it invited.
      { href: "/users", label: "Users", also: "/sends/" },
      { href: "/activity", label: "Activity" },
    ],
  },
  {
    label: "Settings",
    links: [
      { href: "/settings", label: "User invitations", exact: true },
      { href: "/settings/api-keys", label: "API keys" },
      { href: "/settings/webhooks", label: "Webhooks" },
    ],
  },
];

export function ConsoleNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="flex gap-6 overflow-x-auto px-4 pb-3 md:flex-col md:gap-4">
      {groups.map((group) => (
        <div key={group.label}>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{group.label}</p>
          <ul className="flex gap-2 md:flex-col md:gap-1">
            {group.links.map((link) => {
              // "/settings" is the setup page only: its sub-pages are links of their own.
              const active =
                pathname === link.href ||
                (!link.exact && pathname.startsWith(`${link.href}/`)) ||
                (link.also !== undefined && pathname.startsWith(link.also));
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={active ? "page" : undefined}
                    className={cn("block rounded-md px-2 py-1 text-sm hover:bg-muted", active && "bg-muted font-medium")}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
