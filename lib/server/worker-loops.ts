/** How long a loop rests after a round: 0 to go straight on. */
type Round = () => Promise<number>;
export type WorkerLoops = { stop(): Promise<void> };

/**
 * Wake-ups for one kind of worker in this process: an action that just committed work calls `wake`,
 * and that kind's resting loops start at once instead of at their next look. Kept on globalThis so
 * that every module instance Next.js makes of this file shares one set.
 */
export function wakeUps(name: string) {
  const store = globalThis as unknown as Record<string, Set<() => void> | undefined>;
  const sleepers = (store[name] ??= new Set());
  return {
    wake(): void {
      for (const wake of [...sleepers]) wake();
    },
    sleepUnlessWoken(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      });
    },
  };
}

/**
 * Runs `concurrency` loops of `round` in this process until stopped. A round that throws (a database
 * hiccup) is reported by `label` and message only, then retried after `errorRestMs`: the rounds' own
 * leases make a half-done one safe.
 */
export function startWorkerLoops(options: {
  label: string;
  concurrency: number;
  round: Round;
  errorRestMs: number;
  wakeUps: ReturnType<typeof wakeUps>;
}): WorkerLoops {
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const rest = await options.round();
        if (rest > 0) await options.wakeUps.sleepUnlessWoken(rest);
      } catch (error) {
        console.error(`${options.label} failed`, error instanceof Error ? error.message : error);
        await options.wakeUps.sleepUnlessWoken(options.errorRestMs);
      }
    }
  };
  const loops = Array.from({ length: options.concurrency }, loop);
  return {
    async stop() {
      running = false;
      options.wakeUps.wake();
      await Promise.all(loops);
    },
  };
}
