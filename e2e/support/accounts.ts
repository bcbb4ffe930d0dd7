import assert from "node:assert/strict";
import { generate } from "otplib";
import type { Page } from "playwright-core";

/**
 * Accounts for e2e tests: a user made with the `harbor` CLI (the one-time password from stdin; its
 * authenticator secret read from the output), and a sign-in through the API from inside the page (so
 * the browser holds the session cookie) for tests whose subject is not the sign-in page itself.
 */
export function createUser(
  cli: (args: string[], input?: string) => string,
  who: { org: string; email: string; roles: string; password: string },
): string {
  const out = cli(
    ["user", "create", "--org", who.org, "--email", who.email, "--role", who.roles, "--password-stdin"],
    `${who.password}\n`,
  );
  const secret = /TOTP secret \(shown once\): (\S+)/.exec(out)?.[1];
  assert.ok(secret, out);
  return secret;
}

/** Signs in through the API from the page; a first sign-in sets `newPassword` as the user's own. */
export async function signInByApi(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string; secret: string; newPassword: string },
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  const challenge = await page.evaluate(
    async ([email, password]) =>
      (
        await fetch("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        })
      ).json(),
    [who.email, who.password],
  );
  const code = await generate({ secret: who.secret });
  const status = await page.evaluate(
    async ([challengeId, c, newPassword]) =>
      (
        await fetch("/api/v1/auth/mfa", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ challengeId, code: c, newPassword }),
        })
      ).status,
    [challenge.challengeId as string, code, who.newPassword],
  );
  assert.equal(status, 200, "signed in");
}
