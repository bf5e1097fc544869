"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Textarea } from "@/components/ui/input";
import { MAX_CUSTOM_MESSAGE_LENGTH, MAX_REMINDER_DAYS_BEFORE } from "@/lib/validation/invitation-settings-limits";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { saveInvitationSettingsAction } from "./actions";
import { InvitationPreview } from "./invitation-preview";
import type { InvitationPreviewEmail } from "@/lib/email/templates/render-invitations";

type Values = { organizationName: string; contactEmail: string; customMessage: string; validityDays: string; reminderDaysBefore: string };

/** Off, or 1 to 14 days before the link expires. */
const reminderChoices = [
  { value: "off", label: "Off" },
  ...Array.from({ length: MAX_REMINDER_DAYS_BEFORE }, (_, index) => ({ value: String(index + 1), label: index === 0 ? "1 day before" : `${index + 1} days before` })),
];

export function SettingsForm({ initial, isSaved, initialPreview }: { initial: Values; isSaved: boolean; initialPreview: InvitationPreviewEmail }) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const field = (name: keyof Values) => ({
    id: name,
    name,
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
    "aria-invalid": Boolean(errors[name]),
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });

  // The reminder does not change the invitation email: choosing one does not ask for a new preview.
  const { reminderDaysBefore: _reminder, ...previewValues } = values;

  function save(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveInvitationSettingsAction(values);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        toast.success("Invitation setup saved.");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form onSubmit={save} className="space-y-5" noValidate>
        {!isSaved ? <Alert>Save this page once to start inviting users.</Alert> : null}
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <div className="space-y-2">
          <Label htmlFor="organizationName">Organization name</Label>
          <Input {...field("organizationName")} required maxLength={100} />
          <FieldError id="organizationName-error" messages={errors.organizationName} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="contactEmail">Contact email (optional)</Label>
          <Input {...field("contactEmail")} type="email" />
          <p className="text-xs text-muted-foreground">Shown to invitees and used as the Reply-To of invitations.</p>
          <FieldError id="contactEmail-error" messages={errors.contactEmail} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="customMessage">Custom message (optional)</Label>
          <Textarea {...field("customMessage")} maxLength={MAX_CUSTOM_MESSAGE_LENGTH} rows={5} />
          <p className="text-xs text-muted-foreground">
            Plain text, {values.customMessage.length} of {MAX_CUSTOM_MESSAGE_LENGTH} characters.
          </p>
          <FieldError id="customMessage-error" messages={errors.customMessage} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="validityDays">Invitations are valid for (days)</Label>
          <div className="w-32">
            <Input {...field("validityDays")} type="number" min={1} max={90} inputMode="numeric" />
          </div>
          <FieldError id="validityDays-error" messages={errors.validityDays} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="reminderDaysBefore">Send a reminder before the link expires</Label>
          <div className="w-48">
            <select
              {...field("reminderDaysBefore")}
              aria-describedby={errors.reminderDaysBefore ? "reminderDaysBefore-error" : "reminderDaysBefore-hint"}
              className="h-9 w-full rounded-md border border-border bg-background px-2 text-sm aria-invalid:border-destructive"
            >
              {reminderChoices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <p id="reminderDaysBefore-hint" className="text-xs text-muted-foreground">
            One email per invitation, with the same link, unless the invitee has joined by then.
          </p>
          <FieldError id="reminderDaysBefore-error" messages={errors.reminderDaysBefore} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </form>
      <InvitationPreview values={previewValues} initial={initialPreview} />
    </div>
  );
}
