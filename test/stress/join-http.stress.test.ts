import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members } from "@/db/schema";
import { inviteOne, invitationsOf, readyOrganization } from "@/test/fixtures/invitations";
import { startAppServer, joinActionId, postJoin, type AppServer } from "@/test/support/app-server";
import { auditCounts } from "./invariants";
import { createServerDatabase, type ServerDatabase } from "@/test/support/server-database";

/** 50 people press "Join" on the same link at once, against the production server. */
const PORT = Number(process.env.STRESS_JOIN_APP_PORT ?? 3110);
const CONCURRENT = 50;

let database: ServerDatabase;
let server: AppServer | undefined;
let invited: { memberId: string; token: string };

beforeAll(async () => {
  database = await createServerDatabase();
  const handle = await database.open();
  try {
    const organization = await readyOrganization(handle.db, new Date());
    const { member, token } = await inviteOne(handle.db, organization.id, "http-racer@acme.test", new Date());
    invited = { memberId: member.id, token };
  } finally {
    await handle.close();
  }
  server = await startAppServer({ port: PORT, env: { ...database.env, EMAIL_WORKERS: "0" } });
});
afterAll(async () => {
  await server?.stop();
  await database?.destroy();
});

describe("the join server action over HTTP", () => {
  it(`${CONCURRENT} concurrent POSTs of one link: no 5xx, one "joined", the rest "used", one enrollment`, async () => {
    const actionId = joinActionId();
    const responses = await Promise.all(Array.from({ length: CONCURRENT }, () => postJoin(server!, actionId, invited.token)));
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    const states = responses.map((response) => response.state);
    expect(states.filter((state) => state === "joined")).toHaveLength(1);
    expect(states.filter((state) => state === "used")).toHaveLength(CONCURRENT - 1);

    await server!.stop(); // PGlite: the server must let go of the data directory before the test reads it
    const handle = await database.open();
    try {
      const [member] = await handle.db.select().from(members).where(eq(members.id, invited.memberId));
      expect(member!.enrolledAt).not.toBeNull();
      expect((await invitationsOf(handle.db, invited.memberId)).filter((invitation) => invitation.usedAt)).toHaveLength(1);
      expect(await auditCounts(handle.db, [invited.memberId])).toEqual({ "user.invited": 1, "user.enrolled": 1 });
    } finally {
      await handle.close();
    }
  });
});
