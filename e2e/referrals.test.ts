import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { createUser, signInByApi } from "./support/accounts.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";

/*
 * Referrals in a real browser against a real Harbor: a shelter's advocate refers a consenting victim
 * to a partner (the consent status shown before sending); the partner's intake worker sees the bell,
 * the incoming list and the referral, accepts it and opens the shared case. Axe on every screen, in
 * English and Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-referrals-"));
const cli = harborCli(dataDir);
const e = {} as { harbor: HarborProcess; browser: Browser };

before(async () => {
  e.harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  e.browser = await launchBrowser();
});
after(async () => {
  await e.browser?.close();
  await e.harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("send a consented referral, then the partner is notified, accepts it and opens the case (en, es, axe)", async () => {
  cli(["org", "create", "--id", "ngo", "--name", "Harbor NGO", "--type", "service_provider"]);
  cli(["org", "create", "--id", "haven", "--name", "Haven Shelter", "--type", "service_provider"]);
  const password = "correct horse battery staple e2e";
  const advSecret = createUser(cli, { org: "ngo", email: "advocate@ngo.test", roles: "advocate", password });
  const inSecret = createUser(cli, { org: "haven", email: "intake@haven.test", roles: "intake", password });
  const signIn = (page: Page, email: string, secret: string) =>
    signInByApi(page, e.harbor.url, { email, password, secret, newPassword: `${password} own` });

  const page = await newPage(e.browser, "en");
  await signIn(page, "advocate@ngo.test", advSecret);
  await page.goto(`${e.harbor.url}/cases`);
  await page.getByLabel("Working title").fill("Referral intake");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Referral intake" }).waitFor();
  const caseUrl = page.url();
  const caseId = caseUrl.split("/").pop()!;
  await page.getByLabel("Given name").fill("Ana");
  await page.getByLabel("Family name").fill("Sample");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("rowheader", { name: "Ana Sample" }).waitFor();
  await page.getByRole("link", { name: "Consents" }).click();
  await page.getByRole("heading", { level: 1, name: "Consent to share" }).waitFor();
  await page.getByLabel("Organization").selectOption({ label: "Haven Shelter (Victim service provider)" });
  await page.getByLabel("Purpose").selectOption("services_referral");
  await page
    .getByLabel("Expires on")
    .fill(new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Record consent" }).click();
  await page.getByRole("cell", { name: "Active" }).waitFor();

  await page.goto(`${e.harbor.url}/referrals/new?caseId=${caseId}`);
  await page.getByRole("heading", { level: 1, name: "Send a referral" }).waitFor();
  await page.getByLabel("Victim", { exact: true }).selectOption({ label: "Ana Sample" });
  await page
    .getByLabel("Organization", { exact: true })
    .selectOption({ label: "Haven Shelter (Victim service provider)" });
  await page.getByLabel("Purpose").selectOption("shelter");
  await page.getByTestId("consent-status").filter({ hasText: "Consent covers this referral" }).waitFor();
  await expectAccessible(page, "send referral (en)");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.getByRole("heading", { level: 1, name: "Referral" }).waitFor();
  await page.getByText("Sent", { exact: true }).first().waitFor();
  await expectAccessible(page, "referral, sender (en)");
  await page.goto(`${e.harbor.url}/referrals?direction=outgoing`);
  await page.getByRole("link", { name: "Shelter" }).waitFor();
  await expectAccessible(page, "outgoing referrals (en)");
  await page.context().close();

  const other = await newPage(e.browser, "en");
  await signIn(other, "intake@haven.test", inSecret);
  await other.goto(`${e.harbor.url}/referrals`);
  await other.getByTestId("notifications-bell").filter({ hasText: "1 new" }).waitFor();
  await other.getByRole("link", { name: "Shelter" }).waitFor();
  await expectAccessible(other, "incoming referrals (en)");
  await other.getByTestId("notifications-bell").click();
  await other.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await expectAccessible(other, "notifications (en)");
  await other.getByRole("link", { name: "New referral received" }).click();
  await other.getByRole("heading", { level: 1, name: "Referral" }).waitFor();
  await expectAccessible(other, "referral, recipient (en)");
  await other.getByRole("button", { name: "Accept" }).click();
  await other.getByRole("status").filter({ hasText: "Referral accepted." }).waitFor();
  await other.getByRole("link", { name: "Open the shared case" }).click();
  await other.getByRole("rowheader", { name: "Ana Sample" }).waitFor();

  await other.getByTestId("language-switch").click();
  await other.goto(`${e.harbor.url}/referrals`);
  await other.getByRole("heading", { level: 1, name: "Remisiones" }).waitFor();
  await other.getByText("Aceptada").first().waitFor();
  await expectAccessible(other, "incoming referrals (es)");
  await other.goto(`${e.harbor.url}/notifications`);
  await other.getByRole("heading", { level: 1, name: "Notificaciones" }).waitFor();
  await expectAccessible(other, "notifications (es)");
  await other.goto(`${e.harbor.url}/referrals/new?caseId=x`);
  await other.getByRole("heading", { level: 1, name: "Enviar una remisión" }).waitFor();
  await expectAccessible(other, "send referral (es)");
  await other.context().close();
});
