"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The sign-in form's action is the server action itself (so that it works without JavaScript): when
 * it throws (the database is down), or the page fails to render, this is shown in its place.
 */
export default function SignInError({ reset }: { reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Sign in to Roster</h1>
      <Alert tone="danger">Something went wrong on our side. Try again in a moment.</Alert>
      <Button type="button" className="w-full" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
