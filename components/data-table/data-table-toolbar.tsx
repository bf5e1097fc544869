import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** Above a table: the slot for its search and filters. */
export function DataTableToolbar({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-wrap items-center gap-3", className)} {...props} />;
}
