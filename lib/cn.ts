import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names, skipping the falsy ones. The ui components add a caller's classes after their
 * own and never both set the same property, so nothing needs merging (no tailwind-merge: 9 kB gzip
 * on every page, the public ones included).
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}
