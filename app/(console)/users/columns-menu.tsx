"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { optionalUserColumnLabels, optionalUserColumns, type OptionalUserColumn } from "@/lib/users/optional-columns";

/**
 * Columns: a checkbox per optional column in a native popover, which the browser opens from the
 * button and closes on Escape or a press elsewhere (returning focus to the button), with no script of
 * ours. CSS anchor positioning puts it under the button.
 */
export function ColumnsMenu({ shown, onToggle }: { shown: OptionalUserColumn[]; onToggle: (column: OptionalUserColumn, show: boolean) => void }) {
  const panelId = useId();
  return (
    <>
      <Button type="button" variant="outline" size="sm" popoverTarget={panelId} className="[anchor-name:--columns-menu]">
        Columns
      </Button>
      <fieldset
        id={panelId}
        popover="auto"
        className="m-0 mt-1 w-44 space-y-2 rounded-md border border-border bg-background p-3 text-foreground shadow-md [position-anchor:--columns-menu] [position-area:bottom_span-left]"
      >
        <legend className="sr-only">Show columns</legend>
        {optionalUserColumns.map((column) => (
          <label key={column} className="flex items-center gap-2 text-sm">
            <Checkbox checked={shown.includes(column)} onCheckedChange={(checked) => onToggle(column, checked)} />
            {optionalUserColumnLabels[column]}
          </label>
        ))}
      </fieldset>
    </>
  );
}
