import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { generate } from "otplib";
import { HARBOR_BIN, startHarbor } from "./support/harbor-process.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-session-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const harbor = (args: string[]) =>
  run(process.execPath, [HARBOR_BIN, ...args], {
    env: { ...process.env, HARBOR_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  });

// The server as `npm start` runs it (the build), signing in as a browser does: the password, the TOTP
// step with a new password, then the session cookie on its own. The bundle once broke cookies alone.
test("the built server signs a user in and keeps the session by its cookie", async () => {
  const server = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  try {
    await harbor(["org", "create", "--id", "cookie-pd", "--name", "Cookie PD", "--type", "law_enforcement"]);
    const created = (
      await harbor(["user", "create", "--org", "cookie-pd", "--email", "c@cookie.test", "--role", "admin"])
    ).stdout;
    const password = /Initial password \(shown once\): (\S+)/.exec(created)?.[1];
    const secret = /TOTP secret \(shown once\): (\S+)/.exec(created)?.[1];
    assert.ok(password && secret, created);
    const post = (url: string, body: object) =>
      fetch(`${server.url}${url}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const login = await post("/api/v1/auth/login", { email: "c@cookie.test", password });
    assert.equal(login.status, 200);
    const { challengeId } = (await login.json()) as { challengeId: string };
    const mfa = await post("/api/v1/auth/mfa", {
      challengeId,
      code: await generate({ secret }),
      newPassword: "a brand new passphrase for the cookie test",
    });
    assert.equal(mfa.status, 200, await mfa.clone().text());
    const cookie = mfa.headers.get("set-cookie")?.split(";")[0];
    assert.match(String(cookie), /^__Host-harbor_session=cookie-pd\./);
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: String(cookie) } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { user: { email: string } }).user.email, "c@cookie.test");
  } finally {
    await server.stop();
  }
});
