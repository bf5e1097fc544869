"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { optionalUserColumnLabels, optionalUserColumns, type OptionalUserColumn } from "@/lib/users/optional-columns";

/**
 * Columns: a disclosure with a checkbox per optional column. Escape or a click elsewhere closes it,
 * and focus returns to the button that opened it.
 */
export function ColumnsMenu({ shown, onToggle }: { shown: OptionalUserColumn[]; onToggle: (column: OptionalUserColumn, show: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  return (
    <div
      ref={container}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <Button ref={button} type="button" variant="outline" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Columns
      </Button>
      {open ? (
        <fieldset id={panelId} className="absolute right-0 z-10 mt-1 w-44 space-y-2 rounded-md border border-border bg-background p-3 shadow-md">
          <legend className="sr-only">Show columns</legend>
          {optionalUserColumns.map((column) => (
            <label key={column} className="flex items-center gap-2 text-sm">
              <Checkbox checked={shown.includes(column)} onCheckedChange={(checked) => onToggle(column, checked)} />
              {optionalUserColumnLabels[column]}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
