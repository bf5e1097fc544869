"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import {
  countNeedingAttention,
  orderedFromFirstPage,
  previewRow,
  withOrderRecomputed,
  withRowChanged,
  withRowRemoved,
  withSendProblems,
  type CsvPreviewState,
} from "@/lib/users/csv-preview";
import { fieldErrorsBefore, rowProblemsFrom } from "@/lib/users/invite-row-checks";
import { parseInviteCsv } from "@/lib/users/parse-invite-csv";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { inviteUsersSchema, type InviteRowInput } from "@/lib/validation/invite-users";
import { resultOfCall } from "@/lib/actions/failed-call";
import { inviteUsersAction } from "../actions";
import { CsvPreview } from "./csv-preview";

type FormRow = Required<InviteRowInput> & { key: number };
const emptyRow = (key: number): FormRow => ({ key, firstName: "", lastName: "", email: "", role: "member" });
const withoutKey = (row: FormRow): InviteRowInput => ({ firstName: row.firstName, lastName: row.lastName, email: row.email, role: row.role });
const isBlank = (row: FormRow) => !row.firstName && !row.lastName && !row.email;
/** A file of up to this many rows fills the form's rows; a larger one is shown in the compact preview. */
const CSV_ROWS_IN_FORM = 25;

export function InviteForm() {
  const router = useRouter();
  const formId = useId();
  const lastKey = useRef(0); // row keys: stable across re-renders, the same on server and client
  const newRow = () => emptyRow(++lastKey.current);
  const [rows, setRows] = useState<FormRow[]>(() => [emptyRow(0)]);
  const [preview, setPreview] = useState<CsvPreviewState | null>(null);
  const typedCount = rows.length;
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

  const changePreviewRow = useCallback(
    (key: number, change: Partial<InviteRowInput>) => setPreview((current) => current && withRowChanged(current, key, change)),
    [],
  );
  const removePreviewRow = useCallback(
    (key: number) => {
      if (!preview) return;
      const next = withRowRemoved(preview, key);
      setPreview(next.rows.length > 0 ? next : null);
      if (next.rows.length === 0 && typedCount === 0) setRows([emptyRow(++lastKey.current)]);
    },
    [preview, typedCount],
  );
  const reorderPreview = useCallback(() => setPreview((current) => current && withOrderRecomputed(current)), []);
  const showPreviewPage = useCallback((page: number) => setPreview((current) => current && { ...current, page }), []);

  async function importCsv(file: File) {
    const { rows: imported, error } = parseInviteCsv(await file.text());
    if (error) {
      setMessage(error);
      return;
    }
    const kept = rows.filter((row) => !isBlank(row));
    if (preview || imported.length > CSV_ROWS_IN_FORM) {
      const firstLine = (preview?.rows.at(-1)?.line ?? 0) + 1;
      const added = imported.map((row, index) => previewRow(++lastKey.current, firstLine + index, { role: "member", ...row }));
      const next = orderedFromFirstPage({
        fileNames: [...(preview?.fileNames ?? []), file.name],
        rows: [...(preview?.rows ?? []), ...added],
        reported: preview?.reported ?? new Map(),
      });
      setRows(kept);
      setErrors({});
      setPreview(next);
      setMessage(countNeedingAttention(next) > 0 ? "Some rows need your attention before you send." : null);
      toast.info(`${imported.length.toLocaleString("en")} rows added from ${file.name}. Check them, then choose Send invite.`);
      return;
    }
    const next = [...kept, ...imported.map((row) => ({ ...newRow(), ...row }))];
    setRows(next);
    const check = inviteUsersSchema.safeParse({ rows: next.map(withoutKey) });
    setErrors(check.success ? {} : fieldErrorsFromZod(check.error));
    setMessage(check.success ? null : "Some rows need your attention before you send.");
    toast.info(`${imported.length} rows added from ${file.name}. Check them, then choose Send invite.`);
  }

  // A file chosen before the page became interactive (a slow connection) raised its change event
  // before React listened: it is read once React takes over, so the choice is not silently lost.
  useEffect(() => {
    const input = fileInput.current;
    const file = input?.files?.[0];
    if (!input || !file) return;
    input.value = "";
    void importCsv(file);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first render in the browser
  }, []);

  /** Errors of a refused send, keyed by position: the typed rows come first, then the preview's rows (sentKeys). */
  function showSendErrors(fieldErrors: FieldErrors, typedCount: number, sentKeys: number[]) {
    setErrors(fieldErrorsBefore(fieldErrors, typedCount));
    if (sentKeys.length > 0) setPreview((current) => current && withSendProblems(current, sentKeys, rowProblemsFrom(fieldErrors, typedCount)));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const previewRows = preview?.rows ?? [];
    const sentKeys = previewRows.map((row) => row.key);
    const input = { rows: [...rows.map(withoutKey), ...previewRows.map(withoutKey)] };
    const check = inviteUsersSchema.safeParse(input);
    if (!check.success) {
      showSendErrors(fieldErrorsFromZod(check.error), rows.length, sentKeys);
      setMessage("Some rows need your attention. Nothing was sent.");
      return;
    }
    startTransition(async () => {
      // The parsed rows: trimmed, so the body stays within the action's size limit (lib/http/malformed-request.ts).
      const result = await resultOfCall(inviteUsersAction(check.data));
      if (!result.ok) {
        showSendErrors(result.fieldErrors ?? {}, input.rows.length - sentKeys.length, sentKeys);
        setMessage(result.message);
        return;
      }
      const count = result.data.invited;
      // Queued, not yet sent: the Users page follows the send as the provider takes the emails.
      toast.success(count === 1 ? "Invitation queued for 1 user." : `Invitations queued for ${count.toLocaleString("en")} users.`);
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
              <Button type="button" variant="ghost" size="sm" disabled={rows.length === 1 && !preview} onClick={() => removeRow(index)} aria-label={`Remove user ${index + 1} from the form`}>
                Remove
              </Button>
            </div>
          </div>
        </fieldset>
      ))}
      {preview ? (
        <CsvPreview state={preview} onChange={changePreviewRow} onRemove={removePreviewRow} onEditDone={reorderPreview} onPage={showPreviewPage} />
      ) : null}
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
