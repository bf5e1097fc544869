/** True when PostgreSQL refused a write for a unique index (either driver, wrapped by Drizzle or not). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: pgliteConstraint } = current as Record<string, unknown>;
    if (code === "23505") return !constraint || constraint_name === constraint || pgliteConstraint === constraint;
  }
  return false;
}
