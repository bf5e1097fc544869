"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { joinAction } from "./actions";
import { DeadLink } from "./dead-link";

export function JoinForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [outcome, formAction, pending] = useActionState(joinAction, null);
  if (outcome?.state === "joined") {
    return (
      <div className="space-y-2" role="status">
        <h2 className="text-lg font-semibold">Welcome to {outcome.organizationName}</h2>
        <p className="text-sm text-muted-foreground">You have joined the organization. You can close this page.</p>
      </div>
    );
  }
  if (outcome) return <DeadLink outcome={outcome} />;
  return (
    <form action={formAction}>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${organizationName}`}
      </Button>
    </form>
  );
}
