import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/caller";
import { formatDateTime } from "@/lib/format-date";
import { getSend } from "@/lib/sends/sends";

/** Above the Users table filtered by a send (`?send=`): which send it is, and the way back to everyone. */
export async function SendFilterNotice({ sendId }: { sendId: string }) {
  const admin = await requireAdmin();
  const send = await getSend(getDb(), admin.organizationId, sendId);
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md bg-muted/60 px-3 py-2 text-sm">
      <span>
        {send
          ? `Showing the ${send.counts.total.toLocaleString("en")} users of the send of ${formatDateTime(send.createdAt)}.`
          : "That send is not one of this organization's: no users to show."}
      </span>
      {send ? (
        <Link href={`/sends/${send.id}`} className="font-medium underline underline-offset-4">
          View send
        </Link>
      ) : null}
      <Link href="/users" className="font-medium underline underline-offset-4">
        Show every user
      </Link>
    </p>
  );
}
