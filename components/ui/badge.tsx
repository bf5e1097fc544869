import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const badgeVariants = cva("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium", {
  variants: {
    tone: {
      neutral: "border-border bg-muted text-foreground",
      success: "border-green-600/30 bg-green-600/10 text-green-800 dark:text-green-300",
      warning: "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:text-amber-300",
      danger: "border-red-600/30 bg-red-600/10 text-red-800 dark:text-red-300",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ className, tone, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
