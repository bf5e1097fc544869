import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { authAccounts, authSessions, authUsers, authVerificationTokens } from "@/db/schema";
import { findAdminMembership } from "@/lib/auth/admin-membership";
import { sendSignInLink } from "@/lib/auth/send-sign-in-link";
import { appUrl, appUsesHttps, authSecret } from "@/lib/config";

/** Sign-in links are valid this long. */
const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

// Auth.js builds its URLs (the emailed sign-in link, its redirects) from AUTH_URL: one public URL, APP_URL.
process.env.AUTH_URL = appUrl();

// The configuration is built lazily, on the first request, so that `next build` opens no database.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
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
        // Only admins receive a link; everybody gets the same answer (see the signIn callback).
        sendVerificationRequest: ({ identifier, url }) => sendSignInLink(db, { email: identifier, url }),
      },
    ],
    callbacks: {
      async signIn({ user, email }) {
        // Asking for a link always "succeeds", so the page cannot tell who is an admin.
        if (email?.verificationRequest) return true;
        // Using a link: the address must still be an admin now.
        return Boolean(user.email && (await findAdminMembership(db, user.email)));
      },
      // Only what pages need reaches the client: never the session token.
      session({ session, user }) {
        return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name } } as typeof session;
      },
    },
  };
});
