import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";

/*
 * The records screens in a real browser against a real Harbor: open a case, add a victim, share the
 * case, record and revoke a consent; every screen checked with axe in English and in Spanish.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-records-"));
let harbor: HarborProcess;
let browser: Browser;

function cli(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["bin/harbor.js", ...args],
      { cwd: ROOT, env: { ...process.env, HARBOR_DATA_DIR: dataDir } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(input ?? "");
  });
}

before(async () => {
  harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in through the API from inside the page, so the browser itself holds the session cookie. */
async function signIn(page: Page, email: string, password: string, secret: string, newPassword: string) {
  await page.goto(`${harbor.url}/`);
  const challenge = await page.evaluate(
    async ([e, p]) =>
      (
        await fetch("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: e, password: p }),
        })
      ).json(),
    [email, password],
  );
  const code = await generate({ secret });
  // The CLI's password is one-time: this first sign-in sets the user's own (`newPassword`).
  const status = await page.evaluate(
    async ([id, c, n]) =>
      (
        await fetch("/api/v1/auth/mfa", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ challengeId: id, code: c, newPassword: n }),
        })
      ).status,
    [challenge.challengeId as string, code, newPassword],
  );
  assert.equal(status, 200, "signed in");
}

test("cases, sharing and consent screens work and are accessible in English and Spanish", async () => {
  await cli(["org", "create", "--id", "shelter", "--name", "Safe Shelter", "--type", "service_provider"]);
  await cli(["org", "create", "--id", "metro-police", "--name", "Metro Police", "--type", "law_enforcement"]);
  const password = "correct horse battery staple e2e";
  const created = await cli(
    [
      "user",
      "create",
      "--org",
      "shelter",
      "--email",
      "advocate@shelter.test",
      "--role",
      "advocate",
      "--password-stdin",
    ],
    `${password}\n`,
  );
  const secret = /TOTP secret \(shown once\): (\S+)/.exec(created)?.[1];
  assert.ok(secret, created);

  const page = await newPage(browser, "en");
  await signIn(page, "advocate@shelter.test", password, secret, "my own advocate passphrase");

  await page.goto(`${harbor.url}/cases`);
  await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
  await expectAccessible(page, "cases (en)");
  await page.getByLabel("Working title").fill("Northside intake");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Northside intake" }).waitFor();
  const caseUrl = page.url();

  await page.getByLabel("Given name").fill("Rosa");
  await page.getByLabel("Family name").fill("Example");
  await page.getByLabel("Date of birth").fill("1994-03-02");
  // USWDS hides the native input behind its styled label: click the label, as a user does.
  await page.locator("label[for=person-1367]").click();
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("status").filter({ hasText: "The person was added." }).waitFor();
  await page.getByRole("rowheader", { name: "Rosa Example" }).waitFor();
  await expectAccessible(page, "case (en)");

  await page.getByRole("link", { name: "Sharing" }).click();
  await page.getByRole("heading", { level: 1, name: "Sharing" }).waitFor();
  // Partners are chosen by name from a list, never by typing an id.
  await page.getByLabel("Organization").selectOption({ label: "Metro Police (Law enforcement)" });
  await page.locator("label[for=share-access-read]").click();
  await page.getByRole("button", { name: "Share case" }).click();
  await page.getByRole("rowheader", { name: /Metro Police/ }).waitFor();
  await expectAccessible(page, "sharing (en)");

  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Consents" }).click();
  await page.getByRole("heading", { level: 1, name: "Consent to share" }).waitFor();
  await page.getByLabel("Organization").selectOption({ label: "Metro Police (Law enforcement)" });
  await page.getByLabel("Purpose").selectOption("law_enforcement_sharing");
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Expires on").fill(nextYear);
  await page.getByRole("button", { name: "Record consent" }).click();
  await page.getByRole("cell", { name: "Active" }).waitFor();
  await page.getByRole("rowheader", { name: "Metro Police (Law enforcement)" }).waitFor();
  await expectAccessible(page, "consents (en)");
  await page.getByRole("button", { name: /Revoke/ }).click();
  await page.getByRole("cell", { name: "Revoked" }).waitFor();

  await page.getByTestId("language-switch").click();
  await page.getByRole("heading", { level: 1, name: "Consentimiento para compartir" }).waitFor();
  await page.getByRole("cell", { name: "Revocado" }).waitFor();
  await expectAccessible(page, "consents (es)");
  await page.goto(caseUrl);
  await page.getByRole("heading", { level: 2, name: "Personas en este caso" }).waitFor();
  await expectAccessible(page, "case (es)");
  await page.getByRole("link", { name: "Compartir" }).click();
  await page.getByRole("heading", { level: 1, name: "Compartir" }).waitFor();
  await expectAccessible(page, "sharing (es)");
  await page.goto(`${harbor.url}/cases`);
  await page.getByRole("heading", { level: 1, name: "Casos" }).waitFor();
  await expectAccessible(page, "cases (es)");
  await page.context().close();
});
