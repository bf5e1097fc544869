// `npm run db:seed -- --users 100000`: adds that many made-up users (with their invitations) to the
// default organization of DATABASE_URL, or of the embedded database, for development and benchmarks.
import { adminEmails } from "@/lib/config";
import { ensureDefaultOrganization, getInvitationSetup, saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { seedUsers } from "./seed-users";
import { databaseOptionsFromEnv, openDatabase } from "./client";
import { prepareDatabase } from "./prepare";

const MAX_USERS = 1_000_000;
const USAGE = `Usage: npm run db:seed -- --users <count>

  --users <count>   how many users to add to the default organization: a whole number from 1 to ${MAX_USERS.toLocaleString("en-US")}

Example: npm run db:seed -- --users 100000
Uses DATABASE_URL when it is set, otherwise the embedded database in PGLITE_DATA_DIR (./.data/pglite).`;

/** The user count from `--users N` or `--users=N`; a sentence saying what is wrong otherwise. */
function parseSeedArguments(args: string[]): { users: number } | { error: string } {
  let value: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--users") {
      value = args[index + 1];
      if (value === undefined) return { error: "--users needs a number after it." };
      index++;
    } else if (arg.startsWith("--users=")) {
      value = arg.slice("--users=".length);
    } else {
      return { error: `Unknown argument: ${arg}` };
    }
  }
  if (value === undefined) return { error: "Say how many users to add with --users." };
  if (!/^\d+$/.test(value)) return { error: `--users must be a whole number, not "${value}".` };
  const users = Number(value);
  if (users < 1 || users > MAX_USERS) {
    return { error: `--users must be between 1 and ${MAX_USERS.toLocaleString("en-US")}, not ${value}.` };
  }
  return { users };
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const parsed = parseSeedArguments(args);
  if ("error" in parsed) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const options = databaseOptionsFromEnv();
  const handle = openDatabase(options);
  try {
    await prepareDatabase(handle);
    const organization = await ensureDefaultOrganization(handle.db);
    const now = new Date();
    const setup = await getInvitationSetup(handle.db, organization.id);
    if (!setup?.settings) {
      await saveInvitationSettings(handle.db, {
        organizationId: organization.id,
        actorEmail: adminEmails()[0] ?? "admin@example.com",
        settings: { organizationName: "Acme Robotics", contactEmail: null, customMessage: null, validityDays: 30 },
        now,
      });
      console.log('Saved invitation settings: "Acme Robotics", invitations valid for 30 days.');
    }
    const started = performance.now();
    const inserted = await seedUsers(handle.db, { organizationId: organization.id, count: parsed.users, now });
    const seconds = (performance.now() - started) / 1000;
    const where = handle.driver === "pglite" ? `the embedded database in ${options.dataDir}` : "PostgreSQL";
    console.log(
      `Seeded ${inserted.members.toLocaleString("en-US")} users and ${inserted.invitations.toLocaleString("en-US")} ` +
        `invitations into ${where} in ${seconds.toFixed(1)} s.`,
    );
    const refreshStarted = performance.now();
    await refreshPlannerStatistics(handle.db);
    console.log(`Refreshed the planner statistics (VACUUM ANALYZE) in ${((performance.now() - refreshStarted) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
