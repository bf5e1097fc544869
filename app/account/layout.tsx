import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { requireSignedIn } from "@/lib/auth/caller";

/**
 * /account, outside the console: members (who may not open the console) and admins alike. The
 * header names who is signed in, offers Sign out, and takes an admin back to the console.
 */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const caller = await requireSignedIn();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-3 border-b border-border px-4 py-2 text-sm">
        <div className="flex items-center gap-4">
          <span className="text-lg font-semibold">Roster</span>
          {caller.kind === "admin" ? (
            <Link href="/users" className="underline underline-offset-4 hover:opacity-80">
              Back to the console
            </Link>
          ) : null}
        </div>
        <div className="flex min-w-0 items-center gap-3">
          <span className="truncate text-muted-foreground">Signed in as {caller.email}</span>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 p-4 md:p-8">{children}</main>
    </div>
  );
}
