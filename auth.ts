import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { authAccounts, authSessions, authUsers, authVerificationTokens } from "@/db/schema";
import { listMemberships } from "@/lib/auth/memberships";
import { sendSignInLink } from "@/lib/auth/send-sign-in-link";
import { switchSessionOrganization } from "@/lib/organizations/switch-organization";
import { appUrl, appUsesHttps, authSecret } from "@/lib/config";

declare module "next-auth" {
  interface Session {
    /** The organization the console works in for this session (auth_sessions.organization_id); see lib/auth/caller.ts. */
    organizationId: string | null;
  }
}

/** Sign-in links are valid this long. */
const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

// Auth.js builds its URLs (the emailed sign-in link, its redirects) from AUTH_URL: one public URL, APP_URL.
process.env.AUTH_URL = appUrl();

// The configuration is built lazily, on the first request, so that `next build` opens no database.
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => {
  const db = getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: authUsers,
      accountsTable: authAccounts,
      sessionsTable: authSessions,
      verificationTokensTable: authVerificationTokens,
    }),
    secret: authSecret(),
    // Links in emails use APP_URL; the host header is trusted because the app runs behind its own proxy.
    trustHost: true,
    session: { strategy: "database" },
    // From the public URL, not the request: behind a TLS-terminating proxy requests arrive over http,
    // yet the session cookie must be Secure (and __Secure- prefixed). httpOnly and SameSite=Lax are
    // Auth.js's defaults; lib/auth/secure-session-cookie.integration.test.ts holds them.
    useSecureCookies: appUsesHttps(),
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        options: {},
        // Only people who belong to an organization receive a link; everybody gets the same answer.
        sendVerificationRequest: ({ identifier, url }) => sendSignInLink(db, { email: identifier, url }),
      },
    ],
    callbacks: {
      async signIn({ user, email }) {
        // Asking for a link always "succeeds", so the page cannot tell who is a user.
        if (email?.verificationRequest) return true;
        // Using a link: the address must still belong to an organization now.
        return Boolean(user.email && (await listMemberships(db, user.email)).length > 0);
      },
      // Only what pages need reaches the client: never the session token.
      async session({ session, user, trigger, newSession }) {
        const row = session as unknown as typeof authSessions.$inferSelect;
        let organizationId = row.organizationId;
        // unstable_update({ organizationId }) from the organization switcher (app/(console)/organization-actions.ts):
        // kept only for an organization this person administers now, in this session's row alone.
        if (trigger === "update" && user.email) {
          const wanted = (newSession as { organizationId?: unknown } | undefined)?.organizationId;
          if (typeof wanted === "string" && (await switchSessionOrganization(db, { sessionToken: row.sessionToken, userId: user.id, email: user.email, organizationId: wanted }))) {
            organizationId = wanted;
          }
        }
        return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name }, organizationId } as typeof session;
      },
    },
  };
});
