import { describe, expect, it } from "vitest";
import { describeWait, estimatedHits, secondsUntilAllowed, windowPosition } from "./sliding-window";

const at = (iso: string) => new Date(iso);

describe("windowPosition", () => {
  it("puts a moment in its fixed window and weighs the previous one by what still overlaps", () => {
    const position = windowPosition(at("2026-01-01T10:15:00Z"), 3600);
    expect(position.windowStart).toEqual(at("2026-01-01T10:00:00Z"));
    expect(position.previousWindowStart).toEqual(at("2026-01-01T09:00:00Z"));
    expect(position.previousWeight).toBeCloseTo(0.75);
  });

  it("starts a new window exactly on its boundary, where the previous one counts in full", () => {
    const position = windowPosition(at("2026-01-01T10:00:00Z"), 900);
    expect(position.windowStart).toEqual(at("2026-01-01T10:00:00Z"));
    expect(position.previousWeight).toBe(1);
  });
});

describe("estimatedHits", () => {
  it("adds the decayed previous count to the current one", () => {
    expect(estimatedHits({ previousHits: 100, currentHits: 10 }, 0.25)).toBe(35);
  });
});

describe("secondsUntilAllowed", () => {
  const hour = { limit: 10, windowSeconds: 3600, cost: 1 };

  it("waits, within this window, until the previous window has decayed enough", () => {
    // 10:15, previous 10 hits at weight 0.75 + current 2 = 9.5; one more fits once 10·w + 2 + 1 ≤ 10, w ≤ 0.7: 10:18.
    const wait = secondsUntilAllowed({ previousHits: 10, currentHits: 2 }, { ...hour, now: at("2026-01-01T10:15:00Z") });
    expect(wait).toBe(3 * 60);
  });

  it("waits into the next window when this one alone is full", () => {
    // 10 hits this window: at 11:00 they weigh 10·w, and one more fits once w ≤ 0.9, at 11:06.
    const wait = secondsUntilAllowed({ previousHits: 0, currentHits: 10 }, { ...hour, now: at("2026-01-01T10:30:00Z") });
    expect(wait).toBe(36 * 60);
  });

  it("answers at least one second, rounded up", () => {
    const wait = secondsUntilAllowed({ previousHits: 0, currentHits: 10 }, { ...hour, now: at("2026-01-01T11:05:59.900Z") });
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(wait)).toBe(true);
  });

  it("answers null for a request larger than the whole limit: it can never fit", () => {
    expect(secondsUntilAllowed({ previousHits: 0, currentHits: 0 }, { ...hour, cost: 11, now: at("2026-01-01T10:00:00Z") })).toBeNull();
  });
});

describe("describeWait", () => {
  it("says the wait in the unit a person reads, rounded up", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(181)).toBe("4 minutes");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(3601)).toBe("61 minutes");
    expect(describeWait(2 * 3600 + 1)).toBe("3 hours");
  });
});
