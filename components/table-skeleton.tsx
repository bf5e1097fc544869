/** Placeholder rows while a table's page loads; announced once to screen readers. */
export function TableSkeleton({ rows = 8, title }: { rows?: number; title: string }) {
  return (
    <div className="space-y-6" role="status" aria-label={`Loading ${title}`}>
      <div className="h-8 w-40 animate-pulse rounded bg-muted" />
      <div className="h-9 w-96 max-w-full animate-pulse rounded bg-muted" />
      <div className="space-y-2 rounded-md border border-border p-3">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="h-8 animate-pulse rounded bg-muted/70" />
        ))}
      </div>
    </div>
  );
}
