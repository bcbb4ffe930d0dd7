import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

/**
 * The account lifecycle from the `harbor` CLI (the system actor) on an embedded data folder:
 * the host organization, one-time passwords, roles, the last-admin rule, enable, password and MFA
 * resets, moving the host role; the audit chain verifies afterwards.
 */
const root = mkdtempSync(path.join(tmpdir(), "harbor-users-cli-"));
const env = {
  ...process.env,
  HARBOR_DATA_DIR: path.join(root, "data"),
  HARBOR_AUDIT_KEY_FILE: path.join(root, "keys", "audit.pem"),
  DATABASE_URL: "",
  LOG_LEVEL: "silent",
};

function harbor(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env,
    input,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function ok(args: string[], input?: string): string {
  const r = harbor(args, input);
  assert.equal(r.code, 0, `harbor ${args.join(" ")}: ${r.err}`);
  return r.out;
}

interface Listed {
  email: string;
  roles: string[];
  disabled: boolean;
  mfaEnrolled: boolean;
  passwordChangeRequired: boolean;
  oneTimePasswordExpiresAt: string | null;
  lastActiveAdmin: boolean;
}
const users = (org: string): Listed[] => JSON.parse(ok(["user", "list", "--org", org]));
const user = (org: string, email: string) => users(org).find((u) => u.email === email) as Listed;

test("CLI: host organization, one-time passwords, roles, last admin, enable, resets, host moves", () => {
  assert.match(
    ok(["org", "create", "--id", "metro-pd", "--name", "Metro Police", "--type", "law_enforcement"]),
    /the installation's host/,
  );
  assert.doesNotMatch(
    ok(["org", "create", "--id", "shelter", "--name", "Safe Shelter", "--type", "service_provider"]),
    /host/,
  );

  const created = ok([
    "user",
    "create",
    "--org",
    "metro-pd",
    "--email",
    "chief@metro.test",
    "--role",
    "admin",
  ]);
  assert.match(created, /Initial password \(shown once\): \S{20}/);
  assert.match(created, /one-time: it must be changed at the first sign-in and expires \d{4}-/);
  const chief = user("metro-pd", "chief@metro.test");
  assert.equal(chief.passwordChangeRequired, true);
  assert.ok(chief.oneTimePasswordExpiresAt && Date.parse(chief.oneTimePasswordExpiresAt) > Date.now());
  assert.equal(chief.lastActiveAdmin, true);

  const refused = harbor(["user", "disable", "chief@metro.test"]);
  assert.equal(refused.code, 2, "the last active admin cannot be disabled");
  assert.match(refused.err, /last_admin/);
  assert.match(harbor(["user", "roles", "chief@metro.test", "--role", "investigator"]).err, /last_admin/);
  assert.match(
    harbor(["user", "roles", "chief@metro.test", "--role", "chief"]).err,
    /Roles are a comma-separated list/,
  );

  ok(
    [
      "user",
      "create",
      "--org",
      "metro-pd",
      "--email",
      "deputy@metro.test",
      "--role",
      "investigator",
      "--password-stdin",
    ],
    "a long passphrase nobody guesses\n",
  );
  assert.match(
    ok(["user", "roles", "deputy@metro.test", "--role", "admin,investigator"]),
    /admin,investigator/,
  );
  assert.match(ok(["user", "disable", "chief@metro.test"]), /Disabled; 0 session\(s\) ended/);
  assert.match(ok(["user", "enable", "chief@metro.test"]), /Enabled/);

  const reset = ok(["user", "reset-password", "deputy@metro.test"]);
  assert.match(reset, /One-time password \(shown once\): \S{20}/);
  assert.match(reset, /must be changed at the next sign-in/);

  assert.match(
    harbor(["user", "reset-mfa", "deputy@metro.test", "--reason", "because"]).err,
    /--reason must be/,
  );
  assert.match(ok(["user", "reset-mfa", "deputy@metro.test", "--reason", "lost_device"]), /enrols a new one/);
  const after = users("metro-pd");
  const deputy = after.find((u) => u.email === "deputy@metro.test");
  assert.deepEqual(
    after.map((u) => [u.email, u.disabled, u.lastActiveAdmin]),
    [
      ["chief@metro.test", false, false],
      ["deputy@metro.test", false, false],
    ],
  );
  assert.deepEqual([deputy?.passwordChangeRequired, deputy?.mfaEnrolled], [true, false]);

  ok(["org", "host", "shelter"]);
  const orgs = JSON.parse(ok(["org", "list"])) as { id: string; host: boolean }[];
  assert.deepEqual(
    orgs.filter((o) => o.host).map((o) => o.id),
    ["shelter"],
  );

  assert.match(ok(["audit", "verify"]), /OK|verified|intact/i);
});
