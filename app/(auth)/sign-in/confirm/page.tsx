import type { Metadata } from "next";
import { Button, buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { hasUnusedSignInLink, parseSignInLink, SIGN_IN_CALLBACK_PATH } from "@/lib/auth/sign-in-link";
import { cn } from "@/lib/cn";
import { appUrl } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

/**
 * Where an emailed sign-in link opens. Opening it changes nothing (mail scanners open links too);
 * only pressing Sign in, a plain GET form to Auth.js's callback, uses the link. No client code: the
 * form works without JavaScript. Its Referrer-Policy is set in next.config.mjs.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const link = parseSignInLink(await searchParams, new URL(appUrl()).origin);
  const usable = link !== null && (await hasUnusedSignInLink(getDb(), link.email, new Date()));
  if (!usable) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">This sign-in link has expired or was already used</h1>
        <p className="text-sm text-muted-foreground">Each link works once and expires after 24 hours. Ask for a new one.</p>
        {/* A plain link: this page has no client code. */}
        <a className={cn(buttonVariants(), "w-full")} href={link ? `/sign-in?${new URLSearchParams({ email: link.email })}` : "/sign-in"}>
          Ask for a new sign-in link
        </a>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Sign in to Roster</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Press Sign in to finish signing in as <strong className="text-foreground">{link.email}</strong>.
        </p>
      </div>
      <form method="get" action={SIGN_IN_CALLBACK_PATH}>
        <input type="hidden" name="callbackUrl" value={link.callbackUrl} />
        <input type="hidden" name="token" value={link.token} />
        <input type="hidden" name="email" value={link.email} />
        <Button type="submit" className="w-full">
          Sign in
        </Button>
      </form>
    </div>
  );
}
