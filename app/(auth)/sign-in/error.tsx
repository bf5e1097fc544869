"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { overLimitMessage } from "@/lib/actions/failed-call";

/**
 * A sign-in request refused before it ran (proxy.ts's 429 to a client over the sign-in limit) is
 * thrown by the form's action and lands here with its sentence. The form keeps the server action
 * itself as its action, so that it also works before, or without, JavaScript.
 */
export default function SignInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Sign in to Roster</h1>
      <Alert tone="danger">{overLimitMessage(error) ?? "Something went wrong on our side. Try again in a moment."}</Alert>
      <Button type="button" className="w-full" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
