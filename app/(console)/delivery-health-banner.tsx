"use client";

import { useEffect, useState } from "react";
import type { DeliveryHealthJson } from "@/lib/email/delivery-health";
import { formatDateTime } from "@/lib/format-date";

/** How often a visible console page asks again: about as often as the workers probe a refused key. */
const REFRESH_MS = 15_000;

function relative(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return "less than a minute ago";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.floor(hours / 24)} days ago`;
}

/**
 * The console's "Email delivery is failing" banner (SPEC: Delivery health). The layout renders it
 * with the state it read; layouts are not rendered again on client-side navigation, so while the
 * page is visible it reads GET /api/delivery-health again, to appear and disappear without a reload.
 */
export function DeliveryHealthBanner({ initial, maxAttempts }: { initial: DeliveryHealthJson; maxAttempts: number }) {
  const [health, setHealth] = useState(initial);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/delivery-health", { cache: "no-store" });
        // A session that ended keeps what was shown; the next page load sends the admin to sign in.
        if (response.ok && !stopped) {
          setHealth((await response.json()) as DeliveryHealthJson);
          setNow(Date.now());
        }
      } catch {
        // Offline or the server restarting: ask again at the next tick.
      }
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, []);

  if (!health.failing) return null;
  return (
    <div role="alert" className="border-b border-destructive/40 bg-destructive/10 px-4 py-2 text-sm text-destructive">
      <p>
        Email delivery is failing: the email provider has answered{" "}
        <span className="break-all font-medium">{health.providerAnswer}</span> since {formatDateTime(new Date(health.since))}{" "}
        <span suppressHydrationWarning>({relative(health.since, now)})</span>.{" "}
        {health.keyRefused
          ? "Invitations and sign-in links wait in the queue, none is marked failed, and they go out once the key works again."
          : `Emails are retried with growing pauses; one still failing after ${maxAttempts} tries is marked failed, and its send's Retry failed sends it again.`}
      </p>
    </div>
  );
}
