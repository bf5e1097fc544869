"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { resultOfCall } from "@/lib/actions/failed-call";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validation/field-errors";
import { createOrganizationNamingCreatorSchema, createOrganizationSchema } from "@/lib/validation/organizations";
import { createOrganizationAction } from "../../organization-actions";

type Fields = { name: string; firstName: string; lastName: string };

/** Organization name, and the creator's own name when no organization knows it (askName holds a guess to correct). */
export function CreateOrganizationForm({ askName }: { askName: { firstName: string; lastName: string } | null }) {
  const [fields, setFields] = useState<Fields>({ name: "", firstName: askName?.firstName ?? "", lastName: askName?.lastName ?? "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = askName ? fields : { name: fields.name };
    const parsed = (askName ? createOrganizationNamingCreatorSchema : createOrganizationSchema).safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      setMessage(null);
      return;
    }
    startTransition(async () => {
      const result = await resultOfCall(createOrganizationAction(input));
      if (result.ok) {
        // The session now works in the new organization: a full load shows it in the header, and its setup comes first.
        window.location.assign("/settings");
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  const field = (id: keyof Fields, label: string, autoComplete: string) => (
    <div className="space-y-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={id}
        value={fields[id]}
        autoComplete={autoComplete}
        maxLength={100}
        onChange={(event) => setFields((before) => ({ ...before, [id]: event.target.value }))}
        aria-invalid={Boolean(errors[id])}
        aria-describedby={errors[id] ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} messages={errors[id]} />
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {field("name", "Organization name", "organization")}
      {askName ? (
        <fieldset className="space-y-4">
          <legend className="text-sm text-muted-foreground">You become its first admin: how its users and invitees see your name.</legend>
          {field("firstName", "Your first name", "given-name")}
          {field("lastName", "Your last name", "family-name")}
        </fieldset>
      ) : null}
      {message ? <Alert tone="danger">{message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
