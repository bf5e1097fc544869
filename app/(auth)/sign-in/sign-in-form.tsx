"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { failedCallMessage } from "@/lib/actions/failed-call";
import { requestSignInLink, type SignInState } from "./actions";

export function SignInForm() {
  const [state, formAction, pending] = useActionState(
    async (previous: SignInState, formData: FormData): Promise<SignInState> => {
      try {
        return await requestSignInLink(previous, formData);
      } catch (error) {
        // Refused before it ran, over the sign-in limit (a 429): the form shows why and the wait.
        return { email: String(formData.get("email") ?? ""), error: failedCallMessage(error) };
      }
    },
    { email: "" },
  );
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
