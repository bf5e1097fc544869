// e2e only: run by playwright.config.ts before `next start` (PGlite allows one process at a time).
// Creates the second and third organizations, the principals of e2e/authorization.spec.ts and
// e2e/change-role.spec.ts, and the API keys of e2e/api-authorization.spec.ts.
import { apiKeys, authSessions, authUsers, members, organizations } from "@/db/schema";
import { hashToken } from "@/lib/invitations/token";
import { databaseOptionsFromEnv, openDatabase } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { apiKeyPrincipals, OTHER_ORGANIZATION_NAME, principals, SOLO_ORGANIZATION_NAME, THERE_ORGANIZATION_NAME, type Principal } from "./principals";

const DAY_MS = 24 * 60 * 60 * 1000;

async function main() {
  const handle = openDatabase(databaseOptionsFromEnv());
  try {
    // The first organization (ADMIN_EMAILS') must be created first: it is the oldest one.
    await prepareDatabase(handle);
    const { db } = handle;
    const now = new Date();
    const [other] = await db.insert(organizations).values({ name: OTHER_ORGANIZATION_NAME }).returning();
    const [solo] = await db.insert(organizations).values({ name: SOLO_ORGANIZATION_NAME }).returning();
    const [there] = await db.insert(organizations).values({ name: THERE_ORGANIZATION_NAME }).returning();
    const [acme] = await db.select().from(organizations).orderBy(organizations.createdAt).limit(1);
    const organizationIds = { acme: acme!.id, other: other!.id, solo: solo!.id, there: there!.id };
    for (const principal of Object.values(principals) as Principal[]) {
      const [first = "E2e", last = "Principal"] = principal.email.split("@")[0]!.split(".");
      const rows = [{ organization: principal.organization, role: principal.role }, ...(principal.alsoAdminOf ? [{ organization: principal.alsoAdminOf, role: "admin" as const }] : [])];
      for (const row of rows) {
        await db.insert(members).values({
          organizationId: organizationIds[row.organization],
          firstName: first,
          lastName: last,
          email: principal.email,
          role: row.role,
          invitedAt: now,
          invitationExpiresAt: new Date(now.getTime() + 7 * DAY_MS),
          enrolledAt: now,
          removedAt: principal.removed ? now : null,
        });
      }
      const [user] = await db.insert(authUsers).values({ email: principal.email, emailVerified: now }).returning();
      await db.insert(authSessions).values({ sessionToken: principal.sessionToken, userId: user!.id, expires: new Date(now.getTime() + DAY_MS) });
    }
    for (const key of Object.values(apiKeyPrincipals)) {
      await db.insert(apiKeys).values({
        id: key.id,
        organizationId: organizationIds[key.organization],
        name: key.name,
        tokenHash: hashToken(key.secret),
        createdBy: "e2e@roster.test",
        createdAt: now,
        revokedAt: key.revoked ? now : null,
      });
    }
    console.log(`e2e principals ready: ${Object.values(principals).map((p) => p.email).join(", ")}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
