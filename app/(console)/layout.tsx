import Link from "next/link";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { signOut } from "@/auth";
import { Button } from "@/components/ui/button";
import { requireAdmin } from "@/lib/auth/admin-context";
import { ConsoleNav } from "./console-nav";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-border bg-muted/40 md:w-56 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4 md:block">
          <Link href="/users" className="text-lg font-semibold">
            Roster
          </Link>
        </div>
        <ConsoleNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-border px-4 py-2 text-sm">
          <span className="truncate text-muted-foreground">{admin.email}</span>
          <form
            action={async () => {
              "use server";
              await signOut({ redirectTo: "/sign-in" });
            }}
          >
            <Button variant="outline" size="sm" type="submit">
              Sign out
            </Button>
          </form>
        </header>
        <main className="flex-1 p-4 md:p-8">
          {/* The tables keep their view in the URL through nuqs (components/data-table/use-data-table.ts). */}
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
      </div>
    </div>
  );
}
