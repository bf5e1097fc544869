/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WebAssembly build of PostgreSQL and postgres.js opens raw
  // sockets: both must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // `next dev` logs each request's URL; join links, sign-in links and their callbacks carry bearer tokens.
  logging: { incomingRequests: { ignore: [/\/join\//, /\/sign-in\/confirm/, /\/api\/auth\/callback\//] } },
  experimental: {
    // unauthorized() and forbidden(): admin actions answer 401/403, not 200 with an error message.
    authInterrupts: true,
    // ACTION_BODY_LIMIT_BYTES (lib/http/malformed-request.ts, where the figure is explained): a Send
    // invite of 10,000 rows fits; proxy.ts answers 413 above it.
    serverActions: { bodySizeLimit: 9 * 1024 * 1024 },
  },
  async headers() {
    return [
      // Join links and sign-in links carry a bearer token in their URL. same-origin sends the Referer
      // to our own origin only, so the token never leaves the site; no-referrer would be stricter,
      // but then a browser posts a form without JavaScript with "Origin: null", which Next.js refuses
      // as a cross-site server action: joining could not work without JavaScript.
      ...["/join/:token*", "/sign-in/confirm"].map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "same-origin" }],
      })),
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default nextConfig;
