import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

/*
 * A case's facts in a real browser: an investigator opens a case, adds a suspect, assigns a task to a
 * colleague picked by name (any user may list the assignable colleagues), opens the case facts
 * and records one of each kind (an identifier by keyboard alone); a charge whose NIBRS code does not
 * fit its statute is refused with the message by the field; a charge edited from a stale version gets
 * the 412, shows what is saved now and re-applies; an arrest is voided with a reason, hidden, then shown
 * on request. axe-clean throughout, then the page in Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-facts-"));
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

/** A colleague's edit of a fact, made from the page's session behind the form's back. */
async function editBehindTheFormsBack(page: Page, caseId: string, plural: string, patch: object) {
  const status = await page.evaluate(
    async ([id, kind, body]) => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      const list = await (await fetch(`/api/v1/cases/${id}/${kind}`)).json();
      const fact = list[kind as string][0];
      const r = await fetch(`/api/v1/${kind}/${fact.id}`, {
        method: "PATCH",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": me.csrfToken,
          "if-match": `W/"${fact.version}"`,
        },
        body: JSON.stringify(body),
      });
      return r.status;
    },
    [caseId, plural, patch] as const,
  );
  assert.equal(status, 200);
}

test("one fact of each kind is recorded, a charge edited through a 412, an arrest voided (axe, en, es)", async () => {
  cli(["org", "create", "--id", "facts-pd", "--name", "Facts PD", "--type", "law_enforcement"]);
  const password = "correct horse battery staple facts";
  const email = "investigator@facts-pd.test";
  cli(
    ["user", "create", "--org", "facts-pd", "--email", email, "--role", "investigator", "--password-stdin"],
    `${password}\n`,
  );
  const colleague = "colleague@facts-pd.test";
  cli(
    [
      "user",
      "create",
      "--org",
      "facts-pd",
      "--email",
      colleague,
      "--role",
      "investigator",
      "--password-stdin",
    ],
    `${password}\n`,
  );
  const page = await newPage(browser, "en");
  await signInThroughPage(page, harbor.url, "en", {
    email,
    password,
    newPassword: "my own facts passphrase",
  });

  // A case with a suspect, then its facts page from the case page's links.
  await page.goto(`${harbor.url}/cases`);
  await page.getByLabel("Working title").fill("Facts walk");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Facts walk" }).waitFor();
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByLabel("Role in the case").selectOption("suspect");
  await page.getByLabel("Given name").fill("Marco");
  await page.getByLabel("Family name").fill("Example");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("rowheader", { name: "Marco Example" }).waitFor();
  // The case's task form picks the assignee from the colleagues anyone may list (not an admin's user list).
  await page.getByLabel("Task", { exact: true }).fill("Subpoena the phone records");
  await page.getByLabel("Assigned to").selectOption({ label: colleague });
  await page.getByRole("button", { name: "Add task" }).click();
  await page
    .getByTestId("case-tasks")
    .getByRole("row")
    .filter({ hasText: "Subpoena the phone records" })
    .getByRole("cell", { name: colleague })
    .waitFor();
  await page.getByRole("link", { name: "Case facts" }).click();
  await page.getByRole("heading", { level: 1, name: "Case facts" }).waitFor();
  await page.getByText("No events recorded.").waitFor();
  await page
    .getByRole("navigation", { name: "Sections of this page" })
    .getByRole("link", { name: "Sentences" })
    .click();
  assert.equal(new URL(page.url()).hash, "#sentences-heading");
  await expectAccessible(page, "empty case facts (en)");

  // An event.
  const events = page.getByTestId("facts-events");
  await events.getByLabel("Type of event").selectOption("recruitment");
  await events.getByLabel("Place").fill("Greyhound station, Laredo");
  await events.getByLabel("State").selectOption("TX");
  await events.getByLabel("Country").selectOption("MX");
  await events.getByLabel("Started on").fill("2024-03-01");
  await events.getByLabel("Ended on").fill("2024-03-05");
  await events.getByRole("button", { name: "Record the event" }).click();
  await events.getByRole("status").filter({ hasText: "Event recorded." }).waitFor();
  await events.getByRole("rowheader", { name: "Recruitment, 2024-03-01 to 2024-03-05" }).waitFor();
  await events.getByRole("cell", { name: "Greyhound station, Laredo" }).waitFor();

  // An identifier, by keyboard alone: the kind stays "Phone", the value typed, the suspect chosen.
  const identifiers = page.getByTestId("facts-identifiers");
  await identifiers.getByLabel("Kind of identifier").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.type("(956) 555-0142");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  assert.notEqual(await identifiers.getByLabel("Whose (optional)").inputValue(), "");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await identifiers.getByRole("status").filter({ hasText: "Identifier recorded." }).waitFor();
  const phone = identifiers.getByRole("row").filter({ hasText: "Phone: +19565550142" });
  await phone.getByRole("cell", { name: "Marco Example" }).waitFor();

  // A charge: a NIBRS code that does not fit the statute is refused, said by the field; then fixed.
  const charges = page.getByTestId("facts-charges");
  await charges.getByLabel("Suspect").selectOption({ label: "Marco Example" });
  await charges.getByLabel("Statute").fill("18 U.S.C. 1591");
  await charges.getByLabel("NIBRS offense code").selectOption("64B");
  await charges.getByLabel("Filed on").fill("2025-01-10");
  await charges.getByRole("button", { name: "Record the charge" }).click();
  const nibrs = charges.getByLabel("NIBRS offense code");
  await charges.getByRole("alert").filter({ hasText: "NIBRS offense code" }).waitFor();
  assert.equal(await nibrs.getAttribute("aria-invalid"), "true");
  const describedBy = (await nibrs.getAttribute("aria-describedby")) ?? "";
  const message = await page.locator(`[id="${describedBy.split(" ").pop()}"]`).innerText();
  assert.match(message, /64A/, "the API's reason is by the field");
  assert.ok(await page.evaluate(() => document.activeElement?.id === "charges-new-nibrsCode"), "focused");
  await expectAccessible(page, "charge field error");
  await nibrs.selectOption("64A");
  await charges.getByRole("button", { name: "Record the charge" }).click();
  await charges.getByRole("status").filter({ hasText: "Charge recorded." }).waitFor();
  const charge = charges.getByRole("row").filter({ hasText: "18 U.S.C. 1591" });
  await charge.getByText("64A Human trafficking, commercial sex acts").waitFor();

  // An arrest, an adjudication (convicted) and its sentence.
  const arrests = page.getByTestId("facts-arrests");
  await arrests.getByLabel("Suspect").selectOption({ label: "Marco Example" });
  await arrests.getByLabel("Arrested on").fill("2025-01-05");
  await arrests.getByLabel("Arresting agency").selectOption("federal_le");
  await arrests.getByRole("button", { name: "Record the arrest" }).click();
  await arrests.getByRole("status").filter({ hasText: "Arrest recorded." }).waitFor();
  const adjudications = page.getByTestId("facts-adjudications");
  await adjudications.getByLabel("Charge").selectOption({ index: 1 });
  await adjudications.getByLabel("Outcome").selectOption("convicted");
  await adjudications.getByLabel("Decided on").fill("2025-06-02");
  await adjudications.getByRole("button", { name: "Record the adjudication" }).click();
  await adjudications.getByRole("status").filter({ hasText: "Adjudication recorded." }).waitFor();
  const sentences = page.getByTestId("facts-sentences");
  await sentences.getByLabel("After the adjudication").selectOption({ index: 1 });
  await sentences.getByLabel("Prison (months)").fill("120");
  await sentences.getByLabel("Restitution (U.S. dollars)").fill("1,250.50");
  await sentences.getByLabel("Sentenced on").fill("2025-07-01");
  await sentences.getByRole("button", { name: "Record the sentence" }).click();
  await sentences.getByRole("status").filter({ hasText: "Sentence recorded." }).waitFor();
  await sentences.getByRole("cell", { name: "120 months" }).waitFor();
  await sentences.getByRole("cell", { name: "$1,250.50" }).waitFor();
  await expectAccessible(page, "one fact of each kind (en)");

  // Edit from a stale version: a colleague saves first; the form says so and re-applies over it.
  await charges.getByRole("button", { name: "Edit 18 U.S.C. 1591, Marco Example" }).click();
  await charges.getByRole("heading", { name: "Edit the charge" }).waitFor();
  await charges.getByLabel("Filed on").fill("2025-01-12");
  await editBehindTheFormsBack(page, caseId, "charges", { jurisdiction: "state" });
  await charges.getByRole("button", { name: "Save the changes" }).click();
  const conflict = charges.getByTestId("version-conflict");
  await conflict.getByText("Someone saved this record after you opened it").waitFor();
  await conflict.getByText("It is now at version 2").waitFor();
  assert.match(await conflict.innerText(), /Jurisdiction: State/);
  await expectAccessible(page, "charge edit conflict");
  await charges.getByRole("button", { name: "Save my changes again" }).click();
  await charges.getByRole("status").filter({ hasText: "Charge saved." }).waitFor();
  await charge.getByRole("cell", { name: "2025-01-12" }).waitFor();
  await charge.getByRole("cell", { name: "State", exact: true }).waitFor();

  // Void the arrest with a reason: it leaves the list, and comes back, marked, on request.
  await arrests.getByRole("button", { name: "Void Marco Example, arrested 2025-01-05" }).click();
  await arrests.getByLabel("Reason for voiding").selectOption("duplicate");
  await arrests.getByRole("button", { name: "Void it Marco Example, arrested 2025-01-05" }).click();
  await arrests
    .getByRole("status")
    .filter({ hasText: "Voided: Marco Example, arrested 2025-01-05." })
    .waitFor();
  await arrests.getByText("No arrests recorded. One voided fact is hidden.").waitFor();
  // USWDS draws its own checkbox: reached and ticked with the keyboard.
  await page.getByLabel("Show voided facts").focus();
  await page.keyboard.press("Space");
  const voided = arrests.getByRole("row").filter({ hasText: "Marco Example, arrested 2025-01-05" });
  await voided.getByText("Voided: Duplicate").waitFor();
  assert.equal(await voided.getByRole("button", { name: /^Edit/ }).count(), 0, "a voided fact is not edited");
  await expectAccessible(page, "voided shown (en)");

  // The case's timeline says what happened, in words.
  await page.getByRole("link", { name: "Case", exact: true }).click();
  await page.getByTestId("case-timeline").getByText("Charge edited").first().waitFor();
  await page.getByTestId("case-timeline").getByText("Arrest voided").waitFor();

  // The page in Spanish.
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.goto(`${harbor.url}/cases/${caseId}/facts`);
  await page.getByRole("heading", { level: 1, name: "Hechos del caso" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Cargos" }).waitFor();
  await charges.getByRole("cell", { name: "64A Trata de personas, actos sexuales comerciales" }).waitFor();
  await page
    .getByTestId("facts-events")
    .getByRole("rowheader", { name: "Reclutamiento, del 2024-03-01 al 2024-03-05" })
    .waitFor();
  await page.getByRole("button", { name: "Registrar el cargo" }).waitFor();
  await expectAccessible(page, "case facts (es)");
});
