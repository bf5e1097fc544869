"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { requestSignInLink, type SignInState } from "./actions";

/** email: the address to start with (from the page's query), or "". */
export function SignInForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(requestSignInLink, { email } satisfies SignInState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="space-y-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={Boolean(state.error)}
          aria-describedby={state.error ? "email-error" : undefined}
        />
        <FieldError id="email-error" messages={state.error ? [state.error] : undefined} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send sign-in link"}
      </Button>
    </form>
  );
}
