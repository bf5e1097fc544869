/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WebAssembly build of PostgreSQL and postgres.js opens raw
  // sockets: both must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // `next dev` logs each request's URL; join links and sign-in callbacks carry bearer tokens.
  logging: { incomingRequests: { ignore: [/\/join\//, /\/api\/auth\/callback\//] } },
  // unauthorized() and forbidden(): admin actions answer 401/403, not 200 with an error message.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        // A join link is a bearer credential: never leak it through Referer.
        source: "/join/:token*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
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
