"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { cn } from "@/lib/cn";

/**
 * A native checkbox (its role, keyboard and form behaviour come with it); "indeterminate" sets the
 * DOM property, which assistive technology announces as "mixed".
 */
export function Checkbox({
  checked,
  onCheckedChange,
  className,
  ...props
}: Omit<ComponentProps<"input">, "type" | "checked" | "onChange"> & {
  checked: boolean | "indeterminate";
  onCheckedChange: (checked: boolean) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current) input.current.indeterminate = checked === "indeterminate";
  }, [checked]);
  return (
    <input
      ref={input}
      type="checkbox"
      checked={checked === true}
      onChange={(event) => onCheckedChange(event.target.checked)}
      className={cn("size-4 shrink-0 cursor-pointer accent-primary focus-visible:outline-2 focus-visible:outline-ring", className)}
      {...props}
    />
  );
}
