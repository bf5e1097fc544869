"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const groups = [
  {
    label: "Resources",
    links: [
      { href: "/users", label: "Users" },
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
              const active = pathname === link.href || (!("exact" in link && link.exact) && pathname.startsWith(`${link.href}/`));
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
