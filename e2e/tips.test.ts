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
 * Tips in a real browser: the public form (anonymous, English and Spanish, keyboard only) gives a
 * receipt whose status page reads back; the hotline's intake staff see the tip with its 24-hour HHS
 * clock in the queue and on the tip page, and record the notification. Every screen checked with axe.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-tips-"));
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

/** Types into a field reached by its label, with the keyboard only. */
async function type(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label).focus();
  await page.keyboard.type(text);
}

test("public tip → receipt → status; triage shows the 24-hour clock; HHS notified", async () => {
  // The first organization is the installation's host: public tips land there.
  await cli(["org", "create", "--id", "hotline", "--name", "Demo Hotline", "--type", "hotline"]);
  const password = "correct horse battery staple tips";
  const created = await cli(
    [
      "user",
      "create",
      "--org",
      "hotline",
      "--email",
      "intake@hotline.test",
      "--role",
      "intake",
      "--password-stdin",
    ],
    `${password}\n`,
  );
  const secret = /TOTP secret \(shown once\): (\S+)/.exec(created)?.[1];
  assert.ok(secret, created);

  const es = await newPage(browser, "es");
  await es.goto(`${harbor.url}/tip`);
  await es.getByRole("heading", { level: 1, name: "Denunciar una posible trata de personas" }).waitFor();
  await es
    .getByRole("button", { name: /Salida rápida/ })
    .first()
    .waitFor();
  await expectAccessible(es, "public tip (es)");

  const page = await newPage(browser, "en");
  await page.goto(`${harbor.url}/tip`);
  await page.getByRole("heading", { level: 1, name: "Report possible human trafficking" }).waitFor();
  await expectAccessible(page, "public tip (en)");
  await type(
    page,
    "What happened?",
    "DEMO — a teenager from abroad sells flowers at night and hands over the money",
  );
  await type(page, "State (two letters)", "CA");
  await page.getByLabel("A child who does not attend school").focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Send tip" }).focus();
  await page.keyboard.press("Enter");
  const receipt = (await page.locator("strong.font-mono-lg").textContent())?.trim() ?? "";
  assert.match(receipt, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expectAccessible(page, "receipt (en)");
  await page.getByRole("link", { name: "Check the status of a tip" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Status of a tip" }).waitFor();
  await type(page, "Receipt code", receipt);
  await page.keyboard.press("Enter");
  await page.getByText("Received", { exact: true }).waitFor();
  await expectAccessible(page, "receipt status (en)");

  // The hotline's intake takes a call about a foreign national minor: the clock starts.
  const staff = await newPage(browser, "en");
  await signIn(staff, "intake@hotline.test", password, secret, "my own intake passphrase here");
  await staff.goto(`${harbor.url}/tips/new`);
  await staff.getByRole("heading", { level: 1, name: "Hotline intake" }).waitFor();
  await expectAccessible(staff, "operator intake (en)");
  await type(staff, "What happened?", "DEMO — hotline call about a 15-year-old foreign national");
  await type(staff, "Age (if known)", "15");
  await staff.getByLabel("Citizenship").selectOption("foreign_national");
  await staff.getByRole("button", { name: "Send tip" }).click();
  await staff.getByRole("heading", { level: 1, name: "Tip" }).waitFor();
  await staff.getByRole("heading", { name: /HHS must be notified within 24 hours/ }).waitFor();
  await staff
    .getByText(/23 h 5\d min left|24 h 0 min left/)
    .first()
    .waitFor();
  await expectAccessible(staff, "tip page with clock (en)");

  await staff.goto(`${harbor.url}/tips`);
  await staff.getByRole("heading", { level: 1, name: "Tip triage" }).waitFor();
  await staff
    .getByText(/min left/)
    .first()
    .waitFor();
  await expectAccessible(staff, "triage (en)");
  await staff.getByRole("rowheader").first().getByRole("link").click();
  await staff.getByLabel("How HHS was notified").selectOption("phone");
  await staff.getByRole("button", { name: "HHS was notified" }).click();
  await staff.getByText(/^HHS notified /).waitFor();
  await expectAccessible(staff, "tip page, clock met (en)");
  await staff.getByTestId("language-switch").click();
  await staff.getByRole("heading", { level: 1, name: "Aviso" }).waitFor();
  await expectAccessible(staff, "tip page (es)");
});
