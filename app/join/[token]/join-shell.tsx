export function JoinShell({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-md rounded-lg border border-border bg-card p-6 shadow-sm">{children}</div>
    </main>
  );
}
