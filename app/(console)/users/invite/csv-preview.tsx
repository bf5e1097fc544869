"use client";

import { memo, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  countNeedingAttention,
  keysListedTwice,
  PREVIEW_PAGE_SIZE,
  previewSummary,
  rowsOfPage,
  type CsvPreviewState,
  type PreviewRow,
} from "@/lib/users/csv-preview";
import { problemsOfRow, type InviteField, type RowProblems } from "@/lib/users/invite-row-checks";
import type { InviteRowInput } from "@/lib/validation/invite-users";

/** The compact table of a large CSV (lib/users/csv-preview.ts says how it is ordered and checked). */

const fieldLabels: Record<Exclude<InviteField, "role">, string> = { firstName: "First name", lastName: "Last name", email: "Email address" };

type PreviewProps = {
  state: CsvPreviewState;
  onChange: (key: number, change: Partial<InviteRowInput>) => void;
  onRemove: (key: number) => void;
  onEditDone: () => void;
  onPage: (page: number) => void;
};

export const CsvPreview = memo(function CsvPreview({ state, onChange, onRemove, onEditDone, onPage }: PreviewProps) {
  const [editing, setEditing] = useState<number | null>(null);
  const focusAfterEdit = useRef<number | null>(null);
  const summaryId = useId();
  const summaryRef = useRef<HTMLParagraphElement>(null);

  const listedTwice = useMemo(() => keysListedTwice(state.rows), [state.rows]);
  const attention = useMemo(() => countNeedingAttention(state, listedTwice), [state, listedTwice]);
  const pages = Math.max(1, Math.ceil(state.order.length / PREVIEW_PAGE_SIZE));
  const first = state.page * PREVIEW_PAGE_SIZE;
  const shown = rowsOfPage(state);
  const summary = previewSummary(state, attention);

  useEffect(() => {
    if (editing !== null || focusAfterEdit.current === null) return;
    const editButton = document.getElementById(editButtonId(summaryId, focusAfterEdit.current));
    (editButton ?? summaryRef.current)?.focus();
    focusAfterEdit.current = null;
  }, [editing, summaryId]);

  const finishEditing = (key: number) => {
    focusAfterEdit.current = key;
    setEditing(null);
    onEditDone();
  };

  return (
    <section aria-labelledby={summaryId} className="space-y-2">
      <p id={summaryId} ref={summaryRef} tabIndex={-1} role="status" className="text-sm font-medium">
        {summary}
      </p>
      <Table aria-labelledby={summaryId}>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Row</TableHead>
            <TableHead scope="col">First name</TableHead>
            <TableHead scope="col">Last name</TableHead>
            <TableHead scope="col">Email address</TableHead>
            <TableHead scope="col">Role</TableHead>
            <TableHead scope="col">Problem</TableHead>
            <TableHead scope="col">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((row) =>
            editing === row.key ? (
              <RowEditor
                key={row.key}
                row={row}
                problems={problemsOfRow(row.check, listedTwice.has(row.key), state.reported.get(row.key))}
                idPrefix={`${summaryId}-${row.key}`}
                onChange={onChange}
                onDone={finishEditing}
              />
            ) : (
              <RowView
                key={row.key}
                row={row}
                problems={problemsOfRow(row.check, listedTwice.has(row.key), state.reported.get(row.key))}
                editButtonId={editButtonId(summaryId, row.key)}
                onEdit={setEditing}
                onRemove={onRemove}
              />
            ),
          )}
        </TableBody>
      </Table>
      {pages > 1 ? (
        <nav aria-label="Rows of the file" className="flex items-center gap-3 text-sm">
          <Button type="button" variant="outline" size="sm" disabled={state.page === 0} onClick={() => onPage(state.page - 1)}>
            Previous rows
          </Button>
          <span>
            Rows {(first + 1).toLocaleString("en")}–{Math.min(first + PREVIEW_PAGE_SIZE, state.order.length).toLocaleString("en")} of{" "}
            {state.order.length.toLocaleString("en")} · page {state.page + 1} of {pages}
          </span>
          <Button type="button" variant="outline" size="sm" disabled={state.page >= pages - 1} onClick={() => onPage(state.page + 1)}>
            Next rows
          </Button>
        </nav>
      ) : null}
    </section>
  );
});

const editButtonId = (prefix: string, key: number) => `${prefix}-${key}-edit`;

const RowView = memo(function RowView({
  row,
  problems,
  editButtonId,
  onEdit,
  onRemove,
}: {
  row: PreviewRow;
  problems: RowProblems;
  editButtonId: string;
  onEdit: (key: number) => void;
  onRemove: (key: number) => void;
}) {
  const sentences = Object.values(problems).flat();
  return (
    <TableRow className={sentences.length > 0 ? "bg-destructive/5" : undefined}>
      <TableCell className="tabular-nums text-muted-foreground">{row.line}</TableCell>
      <TableCell>{row.firstName}</TableCell>
      <TableCell>{row.lastName}</TableCell>
      <TableCell className="break-all">{row.email}</TableCell>
      <TableCell>{row.role === "admin" ? "Admin" : "Member"}</TableCell>
      <TableCell className="text-destructive">{sentences.join(" ")}</TableCell>
      <TableCell className="whitespace-nowrap text-right">
        <Button id={editButtonId} type="button" variant="ghost" size="sm" onClick={() => onEdit(row.key)} aria-label={`Edit row ${row.line}`}>
          Edit
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => onRemove(row.key)} aria-label={`Remove row ${row.line}`}>
          Remove
        </Button>
      </TableCell>
    </TableRow>
  );
});

function RowEditor({
  row,
  problems,
  idPrefix,
  onChange,
  onDone,
}: {
  row: PreviewRow;
  problems: RowProblems;
  idPrefix: string;
  onChange: (key: number, change: Partial<InviteRowInput>) => void;
  onDone: (key: number) => void;
}) {
  const firstInput = useRef<HTMLInputElement>(null);
  useEffect(() => firstInput.current?.focus(), []);
  // Enter and Escape close the row; Enter must not send every row of the file.
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== "Enter" && event.key !== "Escape") return;
    if (event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    onDone(row.key);
  };
  return (
    <TableRow>
      <TableCell colSpan={7}>
        <fieldset className="space-y-2" onKeyDown={onKeyDown}>
          <legend className="text-sm font-medium">Row {row.line}</legend>
          <div className="grid gap-3 md:grid-cols-[1fr_1fr_1.5fr_auto_auto] md:items-start">
            {(["firstName", "lastName", "email"] as const).map((name) => {
              const id = `${idPrefix}-${name}`;
              return (
                <div key={name} className="space-y-1">
                  <Label htmlFor={id}>{fieldLabels[name]}</Label>
                  <Input
                    ref={name === "firstName" ? firstInput : undefined}
                    id={id}
                    value={row[name]}
                    onChange={(event) => onChange(row.key, { [name]: event.target.value })}
                    type={name === "email" ? "email" : "text"}
                    autoComplete="off"
                    maxLength={name === "email" ? 254 : 100}
                    aria-invalid={Boolean(problems[name]?.length)}
                    aria-describedby={problems[name]?.length ? `${id}-error` : undefined}
                  />
                  <FieldError id={`${id}-error`} messages={problems[name]} />
                </div>
              );
            })}
            <div className="space-y-1">
              <Label htmlFor={`${idPrefix}-role`}>Role</Label>
              <select
                id={`${idPrefix}-role`}
                className="flex h-9 rounded-md border border-border bg-background px-2 text-sm"
                value={row.role}
                onChange={(event) => onChange(row.key, { role: event.target.value as PreviewRow["role"] })}
              >
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </select>
            </div>
            <div className="md:pt-5">
              <Button type="button" size="sm" onClick={() => onDone(row.key)}>
                Done
              </Button>
            </div>
          </div>
        </fieldset>
      </TableCell>
    </TableRow>
  );
}
