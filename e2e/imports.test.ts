import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { IMPORT_GOOD, IMPORT_ONE_BAD_ROW } from "../test/support/import-files.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

/*
 * Imports in a real browser against a real Harbor: an intake worker opens "Import" from the header,
 * downloads the mapping template, checks a CSV (the counts shown, nothing created), imports it (the
 * cases created), and sees a bad file's problems by row and column. Then the whole flow by keyboard
 * alone, with the file's own column names mapped; axe-clean in English and Spanish. An analyst, who
 * may not open cases, has no link and no form.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-imports-"));
const cli = harborCli(dataDir);
const e = {} as { harbor: HarborProcess; browser: Browser };
const password = "correct horse battery staple import";

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

before(async () => {
  e.harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  e.browser = await launchBrowser();
  cli(["org", "create", "--id", "imp-ngo", "--name", "Import Services", "--type", "government"]);
});
after(async () => {
  await e.browser?.close();
  await e.harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string, role: string, lang: "en" | "es" = "en"): Promise<Page> {
  const out = cli(
    ["user", "create", "--org", "imp-ngo", "--email", email, "--role", role, "--password-stdin"],
    `${password}\n`,
  );
  const secret = /TOTP secret \(shown once\): (\S+)/.exec(out)?.[1];
  assert.ok(secret, out);
  const page = await newPage(e.browser, lang);
  await signInThroughPage(page, e.harbor.url, lang, {
    email,
    password,
    secret,
    newPassword: `my own ${role} import passphrase`,
  });
  return page;
}

/** The cases the signed-in user can list, through the API with their session. */
const caseTitles = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch("/api/v1/cases?limit=100");
    return ((await r.json()) as { cases: { title: string }[] }).cases.map((c) => c.title).sort();
  });

const focusedInside = (page: Page, selector: string) =>
  page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

test("check a CSV, import it, see a bad file's rows; by keyboard too; axe clean (en, es)", async () => {
  const page = await signedIn("intake@imp.test", "intake");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Import cases" }).waitFor();
  await expectAccessible(page, "imports, empty (en)");

  // The mapping template is the server's, as `harbor import template csv` prints it.
  const [template] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the mapping template (CSV, JSON)" }).click(),
  ]);
  const mapping = JSON.parse(readFileSync(String(await template.path()), "utf8"));
  assert.equal(mapping.columns.caseRef, "caseRef");

  // A dry run: what would be created, and nothing is.
  await page.getByLabel("File", { exact: true }).setInputFiles(csvFile("cases.csv", IMPORT_GOOD));
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  const checked = page.locator("[data-result=checked]");
  await checked.getByRole("heading", { name: "The file is ready to import" }).waitFor();
  assert.equal(await checked.locator("[data-count=cases]").innerText(), "2 cases");
  assert.equal(
    await checked.locator("[data-count=persons]").innerText(),
    "5 persons (3 victims, 2 suspects)",
  );
  assert.equal(await checked.locator("[data-count=charges]").innerText(), "3 charges");
  assert.ok(await focusedInside(page, "[data-result=checked]"), "the outcome has the focus");
  assert.deepEqual(await caseTitles(page), [], "a dry run creates nothing");
  await expectAccessible(page, "imports, checked (en)");

  // The import.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const imported = page.locator("[data-result=imported]");
  await imported.getByRole("heading", { name: "Import done" }).waitFor();
  assert.equal(await imported.locator("[data-count=cases]").innerText(), "2 cases");
  assert.deepEqual(await caseTitles(page), ["Harborview labor case", "Motel case"]);
  await expectAccessible(page, "imports, imported (en)");

  // A file with a bad row: that row and column, and nothing created.
  await page.getByLabel("File", { exact: true }).setInputFiles(csvFile("bad.csv", IMPORT_ONE_BAD_ROW));
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  const invalid = page.locator("[data-result=invalid]");
  await invalid.getByRole("heading", { name: "1 problem in the file: nothing was imported" }).waitFor();
  const rows = invalid.locator("table[data-table=row-errors] tbody tr");
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getByRole("rowheader").innerText(), "3");
  assert.match(await rows.first().innerText(), /traffickingType\s+"labour" is not one of the allowed codes/);
  assert.ok(await focusedInside(page, "[data-result=invalid]"), "the problems have the focus");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await invalid.getByRole("heading", { name: /^1 problem/ }).waitFor();
  assert.equal((await caseTitles(page)).length, 2, "a bad file imports nothing");
  await expectAccessible(page, "imports, bad rows (en)");

  // By keyboard alone: a file with its own column names, the mapping typed, checked, then imported.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Import cases" }).waitFor();
  await page.getByRole("radio", { name: "A CSV file, one person a row" }).focus();
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement?.id === "import-file"), "the file input");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  await chooser.setFiles(csvFile("own.csv", IMPORT_GOOD.replace("caseRef,title", "Case No,Case title")));
  await page.keyboard.press("Tab"); // the template link
  await page.keyboard.press("Tab"); // the mapping file
  await page.keyboard.press("Tab"); // the mapping text
  assert.ok(await page.evaluate(() => document.activeElement?.id === "import-mapping"), "the mapping");
  await page.keyboard.type(JSON.stringify({ columns: { caseRef: "Case No", title: "Case title" } }));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await checked.getByRole("heading", { name: "The file is ready to import" }).waitFor();
  assert.equal(await checked.locator("[data-count=cases]").innerText(), "2 cases");
  assert.ok(await focusedInside(page, "[data-result=checked]"));
  await page.keyboard.press("Shift+Tab");
  assert.ok(
    await page.evaluate(() => document.activeElement?.textContent === "Import"),
    "back to the Import button",
  );
  await page.keyboard.press("Enter");
  await imported.getByRole("heading", { name: "Import done" }).waitFor();
  assert.equal((await caseTitles(page)).length, 4);

  // Spanish.
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Importar casos" }).waitFor();
  await expectAccessible(page, "importar, vacío (es)");
  await page.getByLabel("Archivo", { exact: true }).setInputFiles(csvFile("malo.csv", IMPORT_ONE_BAD_ROW));
  await page.getByRole("button", { name: "Revisar el archivo (prueba)" }).click();
  await invalid.getByRole("heading", { name: "1 problema en el archivo: no se importó nada" }).waitFor();
  await invalid.getByRole("columnheader", { name: "Fila" }).waitFor();
  await expectAccessible(page, "importar, filas con problemas (es)");
  await page.getByLabel("Archivo", { exact: true }).setInputFiles(csvFile("bueno.csv", IMPORT_GOOD));
  await page.getByRole("button", { name: "Revisar el archivo (prueba)" }).click();
  await checked.getByText("2 casos", { exact: true }).waitFor();
  assert.equal(
    await checked.locator("[data-count=persons]").innerText(),
    "5 personas (3 víctimas, 2 sospechosos)",
  );
  await expectAccessible(page, "importar, revisado (es)");
});

test("an analyst, who may not open cases, has no Import link and no form", async () => {
  const page = await signedIn("analyst@imp.test", "analyst");
  await page.goto(`${e.harbor.url}/work`);
  await page.getByRole("link", { name: "Cases" }).first().waitFor();
  assert.equal(await page.getByRole("link", { name: "Import", exact: true }).count(), 0);
  await page.goto(`${e.harbor.url}/imports`);
  await page.locator("[data-not-allowed]").waitFor();
  assert.equal(await page.getByRole("button", { name: "Import", exact: true }).count(), 0);
  await expectAccessible(page, "imports, not allowed (en)");
});
