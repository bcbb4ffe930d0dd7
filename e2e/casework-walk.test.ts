import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { createUser, signInByApi } from "./support/accounts.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

/*
 * The whole walk of a case in a real browser, axe on every page: an anonymous public tip; the hotline's
 * intake worker signs in (landing on their work page), finds it in the triage queue and opens a case
 * from it; adds the victim, a foreign national of 16; routing starts the 24-hour HHS clock as a task;
 * the case is worked (note, task, edit with a version conflict, the person's attributes); the victim's
 * consent for a shelter is recorded and a referral sent; the eligibility view shows the HHS interim
 * assistance letter with its before-18 deadline. Then the case page in Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-walk-"));
const cli = harborCli(dataDir);
const e = {} as { harbor: HarborProcess; browser: Browser };
const PASSWORD = "correct horse battery staple walk";

before(async () => {
  e.harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir, HARBOR_TIP_ORG: "hotline" });
  e.browser = await launchBrowser();
});
after(async () => {
  await e.browser?.close();
  await e.harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A date of birth that makes the person `years` old, 100 days past their birthday. */
const bornYearsAgo = (years: number) =>
  new Date(Date.now() - (years * 365.25 + 100) * 86_400_000).toISOString().slice(0, 10);

/** Another user's edit of the case, made from the page's session behind the form's back. */
async function editBehindTheFormsBack(page: Page, caseId: string, narrative: string) {
  const status = await page.evaluate(
    async ([id, text]) => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      const kase = await (await fetch(`/api/v1/cases/${id}`)).json();
      const r = await fetch(`/api/v1/cases/${id}`, {
        method: "PATCH",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": me.csrfToken,
          "if-match": `W/"${kase.version}"`,
        },
        body: JSON.stringify({ narrative: text }),
      });
      return r.status;
    },
    [caseId, narrative],
  );
  assert.equal(status, 200);
}

test("public tip → triage → case → foreign minor victim → 24-hour HHS clock → consent → referral → eligibility (axe)", async () => {
  cli(["org", "create", "--id", "hotline", "--name", "Demo Hotline", "--type", "hotline"]);
  cli(["org", "create", "--id", "shelter", "--name", "Demo Shelter", "--type", "service_provider"]);
  const shelterSecret = createUser(cli, {
    org: "shelter",
    email: "advocate@shelter.test",
    roles: "advocate",
    password: PASSWORD,
  });
  createUser(cli, {
    org: "hotline",
    email: "intake@hotline.test",
    roles: "intake,advocate",
    password: PASSWORD,
  });

  // 1. Anyone may report, signed out.
  const anon = await newPage(e.browser, "en");
  await anon.goto(`${e.harbor.url}/tip`);
  await anon.getByRole("heading", { level: 1, name: "Report possible human trafficking" }).waitFor();
  await expectAccessible(anon, "public tip");
  await anon
    .getByLabel("What happened?")
    .fill("DEMO — a girl from abroad works nights at a nail salon near the orchard");
  await anon.getByLabel("State (two letters)").fill("CA");
  await anon.getByRole("button", { name: "Send tip" }).click();
  await anon.locator("strong.font-mono-lg").waitFor();
  await expectAccessible(anon, "tip receipt");
  await anon.context().close();

  // 2. The intake worker signs in on the sign-in page and lands on their work page.
  const page = await newPage(e.browser, "en");
  await signInThroughPage(page, e.harbor.url, "en", {
    email: "intake@hotline.test",
    password: PASSWORD,
    newPassword: "the intake desk by the harbor",
  });
  await page.goto(`${e.harbor.url}/work`);
  await page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
  await expectAccessible(page, "work page");

  // 3. Triage: the tip is in the queue; a case is opened from it.
  await page.goto(`${e.harbor.url}/tips`);
  await page.getByRole("heading", { level: 1, name: "Tip triage" }).waitFor();
  await expectAccessible(page, "triage queue");
  await page.getByRole("rowheader").first().getByRole("link").click();
  await page.getByRole("heading", { level: 1, name: "Tip" }).waitFor();
  await expectAccessible(page, "tip");
  await page.getByLabel("Case title (no names)").fill("Nail salon, night shifts");
  await page.getByRole("button", { name: "Open a case from this tip" }).click();
  await page.getByRole("heading", { level: 1, name: "Nail salon, night shifts" }).waitFor();
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  await expectAccessible(page, "case from the tip");

  // 4. The victim: a foreign national of 16.
  await page.getByLabel("Given name").fill("Lupe");
  await page.getByLabel("Family name").fill("Example");
  await page.getByLabel("Date of birth").fill(bornYearsAgo(16));
  await page.getByLabel("Citizenship").selectOption("foreign_national");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("rowheader", { name: "Lupe Example" }).waitFor();

  // 5. Routing on the case's facts and its victim starts the 24-hour HHS clock as a task.
  await page.getByRole("button", { name: "Run routing" }).click();
  const result = page.getByTestId("routing-result");
  await result.getByText(/HHS/).first().waitFor();
  await page
    .getByTestId("routing-tasks")
    .getByText(/Notify HHS within 24 hours/)
    .waitFor();
  const clock = page.locator('[data-task-code="routing.notify-hhs-24h"] time');
  await clock.waitFor();
  const dueIn = Date.parse((await clock.getAttribute("datetime")) ?? "") - Date.now();
  assert.ok(dueIn > 23 * 3_600_000 && dueIn <= 24 * 3_600_000, `due in ${dueIn} ms`);
  await expectAccessible(page, "case after routing");

  // 6. Working the case: a note, a task done, the timeline.
  await page.getByLabel("New note").fill("Spoke with the shelter about a bed tonight.");
  await page.getByRole("button", { name: "Add note" }).click();
  await page.getByTestId("case-notes").getByText("Spoke with the shelter about a bed tonight.").waitFor();
  await page.getByLabel("Task", { exact: true }).fill("Call the consulate");
  await page.getByLabel("Assigned to").selectOption({ index: 1 });
  await page
    .getByLabel("Due", { exact: true })
    .fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Add task" }).click();
  await page.getByRole("button", { name: "Mark done: Call the consulate" }).click();
  await page.getByRole("status").filter({ hasText: "The task is done." }).waitFor();
  await page.getByTestId("case-timeline").getByText("Task done").waitFor();
  await page.getByTestId("case-timeline").getByText("Opened from a tip").waitFor();

  // 7. Edit with If-Match: someone saves first; the form says so, keeps the change, and re-applies it.
  await page.getByRole("button", { name: "Edit case" }).click();
  await page.getByLabel("Type of trafficking").selectOption("labor");
  await editBehindTheFormsBack(page, caseId, "A colleague's narrative");
  await page.getByRole("button", { name: "Save case" }).click();
  const conflict = page.getByTestId("version-conflict");
  await conflict.getByText("Someone saved this record after you opened it").waitFor();
  await conflict.getByText("A colleague's narrative").waitFor();
  await expectAccessible(page, "case edit conflict");
  await page.getByLabel("Narrative").fill("A colleague's narrative, and mine");
  await page.getByRole("button", { name: "Save my changes again" }).click();
  await page.getByRole("status").filter({ hasText: "The case was saved." }).waitFor();
  await page.getByTestId("case-summary").getByText("Labor trafficking").waitFor();

  // 8. The person's CTDC/HTCDS attributes.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Edit person" }).waitFor();
  await page.getByLabel("Sex", { exact: true }).selectOption("female");
  await page
    .getByLabel("Type of trafficking and industry (Polaris typology)")
    .selectOption("illicit_massage");
  // USWDS draws its own checkbox: reached and ticked with the keyboard.
  await page.getByLabel("Withholds documents").focus();
  await page.keyboard.press("Space");
  assert.ok(await page.getByLabel("Withholds documents").isChecked());
  await page.getByRole("button", { name: "Save person" }).click();
  await page.getByRole("status").filter({ hasText: "The person was saved." }).waitFor();
  await expectAccessible(page, "person edit");

  // 9. Consent for the shelter and purpose, then the referral.
  await page.getByRole("link", { name: "Back to the case" }).click();
  await page.getByRole("link", { name: "Consents" }).click();
  await page.getByRole("heading", { level: 1, name: "Consent to share" }).waitFor();
  await page.getByLabel("Organization").selectOption({ label: "Demo Shelter (Victim service provider)" });
  await page.getByLabel("Purpose").selectOption("services_referral");
  await page
    .getByLabel("Expires on")
    .fill(new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10));
  // A minor's consent is signed by a parent or guardian too.
  await page.locator("#consent-guardian").focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Record consent" }).click();
  await page.getByRole("cell", { name: "Active" }).waitFor();
  await expectAccessible(page, "consents");
  await page.goto(`${e.harbor.url}/referrals/new?caseId=${caseId}`);
  await page.getByRole("heading", { level: 1, name: "Send a referral" }).waitFor();
  await page.getByLabel("Victim", { exact: true }).selectOption({ label: "Lupe Example" });
  await page
    .getByLabel("Organization", { exact: true })
    .selectOption({ label: "Demo Shelter (Victim service provider)" });
  await page.getByLabel("Purpose").selectOption("shelter");
  await page.getByTestId("consent-status").filter({ hasText: "Consent covers this referral" }).waitFor();
  await expectAccessible(page, "send referral");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.getByRole("heading", { level: 1, name: "Referral" }).waitFor();
  await expectAccessible(page, "referral sent");

  // 10. The eligibility view: the HHS interim assistance letter, requested before the 18th birthday.
  await page.goto(`${e.harbor.url}/cases/${caseId}`);
  await page.getByRole("link", { name: "Services and relief" }).click();
  await page.getByRole("heading", { level: 1, name: "Services and relief" }).waitFor();
  const interim = page.locator("[data-path=hhs_interim_letter]");
  await interim.getByRole("heading", { name: "HHS interim assistance letter (minors)" }).waitFor();
  assert.match(
    await interim.locator("[data-deadline=request_before_18]").innerText(),
    /HHS must receive the request before the 18th birthday: \d{4}-\d{2}-\d{2}: \d+ days left/,
  );
  await expectAccessible(page, "eligibility");

  // The case page in Spanish.
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.goto(`${e.harbor.url}/cases/${caseId}`);
  await page.getByRole("heading", { level: 2, name: "Tareas" }).waitFor();
  await page.getByTestId("case-timeline").getByText("Abierto a partir de un aviso").waitFor();
  await expectAccessible(page, "case (es)");
  await page.context().close();

  // The shelter's advocate receives it.
  const shelter = await newPage(e.browser, "en");
  await signInByApi(shelter, e.harbor.url, {
    email: "advocate@shelter.test",
    password: PASSWORD,
    secret: shelterSecret,
    newPassword: "the shelter's own passphrase",
  });
  await shelter.goto(`${e.harbor.url}/referrals`);
  await shelter.getByRole("link", { name: "Shelter" }).waitFor();
  await expectAccessible(shelter, "incoming referrals (shelter)");
  await shelter.context().close();
});
