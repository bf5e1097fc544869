import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Alert({ className, tone = "neutral", ...props }: ComponentProps<"div"> & { tone?: "neutral" | "danger" }) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        tone === "danger" ? "border-destructive/40 bg-destructive/10 text-destructive" : "border-border bg-muted",
        className,
      )}
      {...props}
    />
  );
}
