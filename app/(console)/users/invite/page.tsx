import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/caller";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Invite users" };

export default async function InvitePage() {
  const admin = await requireAdmin();
  const setup = await getInvitationSetup(getDb(), admin.organizationId);
  if (!setup?.settings) redirect("/users");
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <Link href="/users" className="text-sm text-muted-foreground underline">
          Users
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Invite users to join {setup.organization.name}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Make sure each email address is correct: the person who receives it can use the link to join your organization.
        </p>
      </div>
      <InviteForm />
    </div>
  );
}
