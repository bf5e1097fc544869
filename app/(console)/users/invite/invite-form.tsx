"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { parseInviteCsv } from "@/lib/users/parse-invite-csv";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { inviteUsersSchema, type InviteRowInput } from "@/lib/validation/invite-users";
import { resultOfCall } from "@/lib/actions/failed-call";
import { inviteUsersAction } from "../actions";

type FormRow = Required<InviteRowInput> & { key: number };
const emptyRow = (key: number): FormRow => ({ key, firstName: "", lastName: "", email: "", role: "member" });
const withoutKey = (row: FormRow): InviteRowInput => ({ firstName: row.firstName, lastName: row.lastName, email: row.email, role: row.role });

export function InviteForm() {
  const router = useRouter();
  const formId = useId();
  const lastKey = useRef(0); // row keys: stable across re-renders, the same on server and client
  const newRow = () => emptyRow(++lastKey.current);
  const [rows, setRows] = useState<FormRow[]>(() => [emptyRow(0)]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fileInput = useRef<HTMLInputElement>(null);

  const update = (index: number, change: Partial<InviteRowInput>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const removeRow = (index: number) => {
    setRows((current) => current.filter((_, i) => i !== index));
    setErrors({}); // error keys are row positions; they are recomputed on the next send
  };

  async function importCsv(file: File) {
    const { rows: imported, error } = parseInviteCsv(await file.text());
    if (error) {
      setMessage(error);
      return;
    }
    const kept = rows.filter((row) => row.firstName || row.lastName || row.email);
    const next = [...kept, ...imported.map((row) => ({ ...newRow(), ...row }))];
    setRows(next);
    const check = inviteUsersSchema.safeParse({ rows: next.map(withoutKey) });
    setErrors(check.success ? {} : fieldErrorsFromZod(check.error));
    setMessage(check.success ? null : "Some rows need your attention before you send.");
    toast.info(`${imported.length} rows added from ${file.name}. Check them, then choose Send invite.`);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { rows: rows.map(withoutKey) };
    const check = inviteUsersSchema.safeParse(input);
    if (!check.success) {
      setErrors(fieldErrorsFromZod(check.error));
      setMessage("Some rows need your attention. Nothing was sent.");
      return;
    }
    startTransition(async () => {
      const result = await resultOfCall(inviteUsersAction(input));
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      const count = result.data.invited;
      toast.success(count === 1 ? "Invitation sent to 1 user." : `Invitations sent to ${count} users.`);
      router.push("/users");
      router.refresh();
    });
  }

  const fieldProps = (index: number, name: "firstName" | "lastName" | "email") => {
    const key = `rows.${index}.${name}`;
    return {
      id: `${formId}-${rows[index]!.key}-${name}`,
      value: rows[index]![name],
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => update(index, { [name]: event.target.value }),
      "aria-invalid": Boolean(errors[key]),
      "aria-describedby": errors[key] ? `${key}-error` : undefined,
    };
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {message ? <Alert tone="danger">{message}</Alert> : null}
      {errors.rows ? <FieldError id="rows-error" messages={errors.rows} /> : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="rounded-lg border border-border p-4">
          <legend className="px-1 text-sm font-medium">User {index + 1}</legend>
          <div className="grid gap-3 md:grid-cols-[1fr_1fr_1.5fr_auto_auto] md:items-start">
            {(["firstName", "lastName", "email"] as const).map((name) => (
              <div key={name} className="space-y-1">
                <Label htmlFor={`${formId}-${row.key}-${name}`}>
                  {name === "firstName" ? "First name" : name === "lastName" ? "Last name" : "Email address"}
                </Label>
                <Input
                  {...fieldProps(index, name)}
                  type={name === "email" ? "email" : "text"}
                  autoComplete="off"
                  maxLength={name === "email" ? 254 : 100}
                />
                <FieldError id={`rows.${index}.${name}-error`} messages={errors[`rows.${index}.${name}`]} />
              </div>
            ))}
            <div className="space-y-1">
              <Label htmlFor={`${formId}-${row.key}-role`}>Role</Label>
              <select
                id={`${formId}-${row.key}-role`}
                className="flex h-9 rounded-md border border-border bg-background px-2 text-sm"
                value={row.role}
                onChange={(event) => update(index, { role: event.target.value as FormRow["role"] })}
              >
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </select>
            </div>
            <div className="md:pt-5">
              <Button type="button" variant="ghost" size="sm" disabled={rows.length === 1} onClick={() => removeRow(index)} aria-label={`Remove user ${index + 1} from the form`}>
                Remove
              </Button>
            </div>
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" onClick={() => setRows((current) => [...current, newRow()])}>
          Add another user
        </Button>
        <Button type="button" variant="outline" onClick={() => fileInput.current?.click()}>
          Upload CSV
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          aria-label="CSV file of users to invite"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importCsv(file);
            event.target.value = "";
          }}
        />
        <span className="text-xs text-muted-foreground">CSV columns: first name, last name, email (header row optional).</span>
      </div>
      <div className="flex gap-3 border-t border-border pt-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send invite"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push("/users")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
