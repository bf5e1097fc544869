import type { Metadata } from "next";
import { getCaller, requireAdmin } from "@/lib/auth/caller";
import { knownName } from "@/lib/auth/memberships";
import { nameGuessedFrom } from "@/lib/organizations/create-organization";
import { CreateOrganizationForm } from "./create-organization-form";

export const metadata: Metadata = { title: "Create organization" };

export default async function CreateOrganizationPage() {
  const admin = await requireAdmin();
  const caller = await getCaller();
  // Its creator becomes its first admin row, which needs a name: asked only when no organization knows it.
  const needsName = caller.kind === "admin" && !knownName(caller.memberships);
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Create organization</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          You become its first admin and the console switches to it. It starts with no users and no invitation setup.
        </p>
      </div>
      <CreateOrganizationForm askName={needsName ? nameGuessedFrom(admin.email) : null} />
    </div>
  );
}
