import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { createUser, signInByApi } from "./support/accounts.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";

/*
 * The relief screens in a real browser: a foreign national minor's eligibility view shows the HHS interim
 * assistance letter path with its before-18 deadline and days left; an application is recorded and its
 * status changed; the organization's deadline list; axe-clean in English and Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-relief-"));
const cli = harborCli(dataDir);
let harbor: HarborProcess;
let browser: Browser;

before(async () => {
  harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a foreign national minor's eligibility view shows the interim letter path with its deadline (en, es)", async () => {
  cli(["org", "create", "--id", "shelter", "--name", "Safe Shelter", "--type", "service_provider"]);
  const password = "correct horse battery staple e2e";
  const secret = createUser(cli, {
    org: "shelter",
    email: "advocate@shelter.test",
    roles: "advocate",
    password,
  });
  const page = await newPage(browser, "en");
  await signInByApi(page, harbor.url, {
    email: "advocate@shelter.test",
    password,
    secret,
    newPassword: "my own advocate passphrase",
  });

  await page.goto(`${harbor.url}/cases`);
  await page.getByLabel("Working title").fill("Minor intake");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Minor intake" }).waitFor();
  const dob = new Date(Date.now() - (17 * 365 + 100) * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Given name").fill("Ana");
  await page.getByLabel("Date of birth").fill(dob);
  await page.getByLabel("Citizenship").selectOption("foreign_national");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("status").filter({ hasText: "The person was added." }).waitFor();
  const consents = await page.getByRole("link", { name: "Consents" }).first().getAttribute("href");
  const personId = /persons\/([^/]+)\/consents/.exec(consents ?? "")?.[1];
  assert.ok(personId, consents ?? "");

  await page.goto(`${harbor.url}/persons/${personId}/relief`);
  await page.getByRole("heading", { level: 1, name: "Services and relief" }).waitFor();
  const interim = page.locator("[data-path=hhs_interim_letter]");
  await interim.getByRole("heading", { name: "HHS interim assistance letter (minors)" }).waitFor();
  const deadline = interim.locator("[data-deadline=request_before_18]");
  await deadline.waitFor();
  assert.match(
    await deadline.innerText(),
    /HHS must receive the request before the 18th birthday: \d{4}-\d{2}-\d{2}: \d+ days left/,
  );
  await expectAccessible(page, "eligibility (en)");

  await page.getByLabel("Type").selectOption("hhs_interim_letter");
  await page.getByLabel("Status", { exact: true }).selectOption("pending");
  await page.getByLabel("Filed on").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Record" }).click();
  await page.getByRole("status").filter({ hasText: "Recorded." }).waitFor();
  await page.getByRole("rowheader", { name: "HHS interim assistance letter" }).waitFor();
  await expectAccessible(page, "eligibility with an application (en)");

  await page.goto(`${harbor.url}/relief/deadlines`);
  await page.getByRole("heading", { level: 1, name: "Relief deadlines" }).waitFor();
  await expectAccessible(page, "deadlines (en)");

  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.goto(`${harbor.url}/persons/${personId}/relief`);
  await page.getByRole("heading", { level: 1, name: "Servicios y alivio migratorio" }).waitFor();
  await page
    .locator("[data-path=hhs_interim_letter]")
    .getByRole("heading", { name: "Carta de asistencia provisional del HHS (menores)" })
    .waitFor();
  await expectAccessible(page, "eligibility (es)");
  await page.goto(`${harbor.url}/relief/deadlines`);
  await page.getByRole("heading", { level: 1, name: "Plazos de alivio" }).waitFor();
  await expectAccessible(page, "deadlines (es)");
});
