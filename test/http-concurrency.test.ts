import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { verifyChain } from "../src/modules/audit/audit.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const ORGS = 8;
const CLIENTS = 64;
const ROUNDS = 3;

type Outcome = { problems: string[] };

/**
 * One signed-in user at work, as the probe did: who am I, open a case, read it back, add a
 * person, list my cases, the shares, the directory and my organization's users. Half the clients use
 * a session cookie (with CSRF), half an API token.
 */
async function userAtWork(base: string, user: TestUser, client: number): Promise<Outcome> {
  const problems: string[] = [];
  const headers: Record<string, string> = client % 2 === 0 ? { ...user.sessionHeaders } : { ...user.headers };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) problems.push(`${method} ${url} answered ${res.status}: ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };
  const myCases: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const me = await call("GET", "/api/v1/auth/me");
    if (me?.user?.id !== user.userId || me?.user?.email !== user.email)
      problems.push(`/auth/me gave ${JSON.stringify(me?.user?.id)} to ${user.userId}`);

    const title = `client ${client} round ${round}`;
    const created = await call("POST", "/api/v1/cases", { title });
    if (!created?.id) continue;
    myCases.push(created.id);
    const read = await call("GET", `/api/v1/cases/${created.id}`);
    if (read?.title !== title || read?.orgId !== user.orgId)
      problems.push(`case ${created.id} read back as ${JSON.stringify(read?.title)}`);

    await call("POST", `/api/v1/cases/${created.id}/persons`, {
      role: "witness",
      givenName: `W${client}x${round}`,
    });
    const withPerson = await call("GET", `/api/v1/cases/${created.id}`);
    if (withPerson?.persons?.length !== 1)
      problems.push(`case ${created.id} has ${withPerson?.persons?.length} persons`);

    const list = await call("GET", "/api/v1/cases?limit=100");
    const foreign = (list?.cases ?? []).filter((c: { orgId: string }) => c.orgId !== user.orgId);
    if (foreign.length) problems.push(`case list showed ${foreign.length} cases of other organizations`);
    const listed = new Set((list?.cases ?? []).map((c: { id: string }) => c.id));
    for (const id of myCases) if (!listed.has(id)) problems.push(`case ${id} missing from its owner's list`);

    const shares = await call("GET", `/api/v1/cases/${created.id}/shares`);
    if (!Array.isArray(shares?.shares) || shares.shares.length !== 0)
      problems.push(`shares: ${JSON.stringify(shares)}`);

    const directory = await call("GET", "/api/v1/directory?q=labor");
    if (!Array.isArray(directory?.entries) || directory.entries.length === 0)
      problems.push("directory search empty");

    const users = await call("GET", "/api/v1/users");
    if (!(users?.users ?? []).every((u: { orgId: string }) => u.orgId === user.orgId))
      problems.push("/users listed another organization's users");
  }
  return { problems };
}

describeEachStore("64 signed-in users at once, over real HTTP", (backend) => {
  let harbor: TestApp;
  let base: string;
  const users: TestUser[] = [];

  before(async () => {
    harbor = await startTestApp(backend, recordsEnv());
    base = await harbor.app.listen({ host: "127.0.0.1", port: 0 });
    for (let i = 0; i < CLIENTS; i++) {
      users.push(
        await createOrgWithUser(harbor.store, {
          orgId: `load-org-${i % ORGS}`,
          orgType: "law_enforcement",
          roles: ["admin", "investigator"],
        }),
      );
    }
  });
  after(() => harbor.close());

  test("every request answers its own caller: 0 errors, 0 foreign rows, and the audit chain verifies", async () => {
    const outcomes = await Promise.allSettled(users.map((user, client) => userAtWork(base, user, client)));
    const errors = outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason));
    const problems = outcomes.flatMap((o) => (o.status === "fulfilled" ? o.value.problems : []));
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);

    const cases = await harbor.store.db.selectFrom("cases").select("org_id").execute();
    assert.equal(cases.length, CLIENTS * ROUNDS, "every case written once");
    const chain = await verifyChain(harbor.store.db);
    assert.ok(chain.ok, JSON.stringify(chain));
  });
});
