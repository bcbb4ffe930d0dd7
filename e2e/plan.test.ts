import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

/*
 * The case plan in a real browser: from a case, open its plan, add a service with a provider from the
 * directory, add a follow-up due yesterday (overdue), mark it done; open the team page, make yourself
 * the lead; axe-clean in English and Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-plan-"));
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

test("a service and a follow-up are added to a case plan, the follow-up marked done; the team gets a lead (en, es)", async () => {
  cli(["org", "create", "--id", "plan-shelter", "--name", "Plan Shelter", "--type", "service_provider"]);
  const password = "correct horse battery staple plan";
  const email = "advocate@plan-shelter.test";
  cli(
    ["user", "create", "--org", "plan-shelter", "--email", email, "--role", "advocate", "--password-stdin"],
    `${password}\n`,
  );
  const page = await newPage(browser, "en");
  await signInThroughPage(page, harbor.url, "en", {
    email,
    password,
    newPassword: "my own plan passphrase e2e",
  });

  await page.goto(`${harbor.url}/cases`);
  await page.getByLabel("Working title").fill("Plan intake");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Plan intake" }).waitFor();
  await page.getByRole("link", { name: "Case plan" }).click();
  await page.getByRole("heading", { level: 1, name: "Case plan" }).waitFor();
  await page.getByText("No services in the plan yet.").waitFor();
  await expectAccessible(page, "empty plan (en)");

  await page.getByLabel("Service", { exact: true }).selectOption("shelter");
  await page.getByLabel("Status", { exact: true }).selectOption("in_progress");
  await page.getByLabel("Provider from the federal directory").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Add the service" }).click();
  await page.getByRole("status").filter({ hasText: "Service added to the plan." }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Shelter" }) });
  await row.getByText(`started ${today}`).waitFor();

  // A completion before the start is refused, naming the field, and nothing changes.
  await page.getByRole("button", { name: "Edit the Shelter service" }).click();
  await page.getByLabel("Started on").fill("2026-01-10");
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await page.getByLabel("Completed on").fill("2026-01-05");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await page.getByRole("alert").filter({ hasText: "completedOn" }).waitFor();
  assert.ok(await row.getByText("In progress").isVisible());
  await page.getByRole("button", { name: "Cancel" }).click();

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Follow-up", { exact: true }).selectOption("phone_call");
  await page.getByLabel("Due on").fill(yesterday);
  await page.getByLabel("About the service").selectOption({ index: 1 });
  await page.getByLabel("Assigned to").selectOption({ label: email });
  await page.getByRole("button", { name: "Add the follow-up" }).click();
  await page.getByRole("status").filter({ hasText: "Follow-up added." }).waitFor();
  await page.getByRole("row").filter({ hasText: "Phone call" }).getByText("Overdue").waitFor();
  await expectAccessible(page, "plan with a service and a follow-up (en)");

  await page.goto(`${harbor.url}/work`);
  await page.getByRole("link", { name: "Follow-up: Phone call" }).waitFor();
  await page.goBack();
  await page.getByRole("button", { name: `Mark the Phone call due ${yesterday} done` }).click();
  await page.getByRole("status").filter({ hasText: "Follow-up marked done." }).waitFor();
  await page.getByRole("button", { name: `Reopen the Phone call due ${yesterday}` }).waitFor();

  await page.getByRole("link", { name: "Case", exact: true }).click();
  await page.getByRole("link", { name: "Team and agencies" }).click();
  await page.getByRole("heading", { level: 1, name: "Case team" }).waitFor();
  await page.getByRole("combobox", { name: "Case lead" }).selectOption({ label: email });
  await page.getByRole("button", { name: "Set the lead" }).click();
  await page.getByRole("status").filter({ hasText: "Case lead saved." }).waitFor();
  await page.getByTestId("case-lead").filter({ hasText: email }).waitFor();
  await page.getByLabel("Type of agency").selectOption("federal_le");
  // By keyboard, as the radio group is used: from "Involved" (checked) up to "Lead agency".
  await page.getByRole("radio", { name: "Involved" }).focus();
  await page.keyboard.press("ArrowUp");
  assert.ok(await page.getByRole("radio", { name: "Lead agency" }).isChecked());
  await page.getByLabel("From the federal directory").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Add the agency" }).click();
  await page.getByRole("status").filter({ hasText: "Agency added." }).waitFor();
  await expectAccessible(page, "team (en)");

  const planUrl = page.url().replace(/\/team$/, "/plan");
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.goto(planUrl);
  await page.getByRole("heading", { level: 1, name: "Plan del caso" }).waitFor();
  await page.getByRole("rowheader", { name: "Refugio" }).waitFor();
  await expectAccessible(page, "plan (es)");
  await page.goto(planUrl.replace(/\/plan$/, "/team"));
  await page.getByRole("heading", { level: 1, name: "Equipo del caso" }).waitFor();
  await expectAccessible(page, "team (es)");
});
