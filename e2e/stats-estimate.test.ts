import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";

/*
 * Exports and estimates from the web, in a real browser: an analyst downloads the CTDC CSV (the same
 * bytes `harbor export ctdc` writes) and sees what k-anonymity did; runs multiple systems estimation
 * from the organization's linked victim records (two organizations: the two-lists warning) and from
 * the published UK 2013 capture table uploaded as a CSV (11,313); axe-clean; once in Spanish.
 */

const UK_CSV = path.resolve(import.meta.dirname, "../data/benchmarks/mse/uk-2013-five-lists.csv");
const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-estimate-"));
const password = "correct horse battery staple estimate";
let harbor: HarborProcess;
let browser: Browser;
let cli: ReturnType<typeof harborCli>;
let secret = "";

/** People on list A only, B only, and both (each a distinct name and date of birth). */
const HISTORIES: Array<[boolean, boolean, number]> = [
  [true, false, 20],
  [false, true, 15],
  [true, true, 12],
];

async function apiAs(token: string, method: string, url: string, body?: unknown) {
  const r = await fetch(`${harbor.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${method} ${url}: ${r.status} ${await r.clone().text()}`);
  return r.json();
}

before(async () => {
  harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  browser = await launchBrowser();
  cli = harborCli(dataDir);
  cli(["org", "create", "--id", "est-pd", "--name", "Estimate Police", "--type", "law_enforcement"]);
  cli(["org", "create", "--id", "est-ngo", "--name", "Estimate Services", "--type", "government"]);
  const user = (org: string, email: string, role: string) =>
    cli(
      ["user", "create", "--org", org, "--email", email, "--role", role, "--password-stdin"],
      `${password}\n`,
    );
  const created = user("est-pd", "analyst@est.test", "analyst");
  secret = /TOTP secret \(shown once\): (\S+)/.exec(created)?.[1] ?? "";
  assert.ok(secret, created);
  user("est-pd", "inv@est.test", "investigator");
  user("est-ngo", "inv@ngo.test", "investigator");
  const token = (email: string) => cli(["token", "create", "--user", email]).trim();
  const [a, b] = [token("inv@est.test"), token("inv@ngo.test")];
  const caseA = await apiAs(a, "POST", "/api/v1/cases", { title: "Farm", traffickingType: "labor" });
  const caseB = await apiAs(b, "POST", "/api/v1/cases", { title: "Shelter", traffickingType: "labor" });
  await apiAs(b, "POST", `/api/v1/cases/${caseB.id}/shares`, { orgId: "est-pd", access: "read" });
  let k = 0;
  for (const [onA, onB, n] of HISTORIES)
    for (let i = 0; i < n; i++, k++) {
      const person = {
        role: "victim",
        givenName: `Given${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + Math.floor(k / 26))}`,
        familyName: `Family${k}`,
        dateOfBirth: `${1970 + (k % 30)}-0${1 + (k % 9)}-1${k % 10}`,
        sex: "female",
        ageAtExploitation: 25,
        citizenshipCountry: "MX",
        citizenship: "foreign_national",
      };
      if (onA) await apiAs(a, "POST", `/api/v1/cases/${caseA.id}/persons`, person);
      if (onB) await apiAs(b, "POST", `/api/v1/cases/${caseB.id}/persons`, person);
    }
});
after(async () => {
  await browser?.close();
  await harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
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
    ["analyst@est.test", password],
  );
  const status = await page.evaluate(
    async ([id, c]) =>
      (
        await fetch("/api/v1/auth/mfa", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ challengeId: id, code: c, newPassword: "my own estimate passphrase" }),
        })
      ).status,
    [challenge.challengeId as string, await generate({ secret })],
  );
  assert.equal(status, 200, "signed in");
}

test("an analyst exports CTDC from the dashboard and estimates from records and from a CSV (en, es)", async () => {
  const page = await newPage(browser, "en");
  await signIn(page);

  // Exports: the CTDC CSV is the server's file, the same as the CLI's, and the page says what was done.
  await page.goto(`${harbor.url}/stats`);
  await page.getByRole("heading", { level: 2, name: "Exports" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CTDC as CSV" }).click(),
  ]);
  const file = readFileSync(String(await download.path()), "utf8");
  assert.equal(file, cli(["export", "ctdc", "--user", "analyst@est.test", "--format", "csv"]));
  assert.equal(file.trim().split("\r\n").length, 1 + 59, "a header and one row per victim record");
  const kReport = page.locator("[data-k-report]");
  await kReport.getByText("What the CTDC export did to protect people").waitFor();
  assert.match(await kReport.innerText(), /k = 11: 59 victims in, 59 rows exported, 0 left out/);
  await expectAccessible(page, "statistics with exports (en)");

  // From the organization's linked records: two lists, so the two-lists warning.
  await page.getByRole("link", { name: /Estimate the total number of victims/ }).click();
  await page.getByRole("heading", { level: 1, name: "Estimate the number of victims" }).waitFor();
  await page.getByLabel("Lists").selectOption("org");
  await page.getByLabel("Model").selectOption("independence");
  await page.getByRole("button", { name: "Estimate" }).click();
  const result = page.locator("[data-result]");
  await result.getByRole("heading", { name: "Result" }).waitFor();
  // 20 + 15 + 12 seen; independence: 32 × 27 / 12 = 72.
  assert.match(
    await result.locator("[data-summary]").innerText(),
    /^Estimated total: 72 \(95% interval \d+ to \d+\)$/,
  );
  await result.locator("[data-warning=two-lists]").waitFor();
  const table = result.locator("table[data-table=estimate]");
  assert.equal(
    await table
      .getByRole("row", { name: /^Observed/ })
      .getByRole("cell")
      .innerText(),
    "withheld (it would reveal the suppressed counts)",
  );
  assert.match(
    await table
      .getByRole("row", { name: /^Model terms/ })
      .getByRole("cell")
      .innerText(),
    /^(est-pd, est-ngo|est-ngo, est-pd)$/,
  );
  await expectAccessible(page, "estimate from records (en)");

  // From an uploaded capture-history CSV: the UK 2013 five lists, stepwise.
  // USWDS draws the radio on its label (the input itself is off screen), as a person clicks it.
  await page.locator("label[for=mse-source-table]").click();
  await page.getByLabel("Capture-history file", { exact: true }).setInputFiles(UK_CSV);
  await page.getByText("Read 18 rows over the lists LA, NG, PFNCA, GO, GP.").waitFor();
  await page.getByLabel("Model").selectOption("stepwise");
  await page.getByRole("button", { name: "Estimate" }).click();
  await result.getByText(/^Estimated total: 11,3\d\d /).waitFor();
  const estimate = Number(
    (
      await table
        .getByRole("row", { name: /^Estimated total/ })
        .getByRole("cell")
        .innerText()
    ).replace(/,/g, ""),
  );
  assert.ok(Math.abs(estimate - 11313) <= 0.005 * 11313, `estimate ${estimate}`);
  assert.equal(
    await table
      .getByRole("row", { name: /^Observed/ })
      .getByRole("cell")
      .innerText(),
    "2,744",
  );
  assert.match(
    await table
      .getByRole("row", { name: /^Model terms/ })
      .getByRole("cell")
      .innerText(),
    /:/,
  );
  assert.ok((await result.locator("[data-warning]").count()) > 0, "a warning is shown");
  await expectAccessible(page, "estimate from a CSV (en)");

  // A file with a mistake is named by its line before anything is sent.
  const bad = path.join(dataDir, "bad.csv");
  writeFileSync(bad, "A,B,count\n1,0,5\n1,2,3\n");
  await page.getByLabel("Capture-history file", { exact: true }).setInputFiles(bad);
  await page.getByText('Line 3, column "B": expected 0 or 1, found "2".').waitFor();

  // Spanish.
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Estimar el número de víctimas" }).waitFor();
  await page.getByText("Un archivo de historias de captura (CSV)", { exact: true }).click();
  await page.getByLabel("Archivo de historias de captura", { exact: true }).setInputFiles(UK_CSV);
  await page.getByLabel("Intervalo del 95 %").selectOption("bca");
  await page.getByRole("button", { name: "Estimar" }).click();
  await result.getByRole("heading", { name: "Resultado" }).waitFor();
  assert.match(
    await result.locator("[data-summary]").innerText(),
    /^Total estimado: 11[.,]3\d\d \(intervalo del 95 %/,
  );
  assert.match(await result.locator("[data-warnings]").innerText(), /advertencia/);
  assert.equal(
    await table
      .getByRole("row", { name: /^Método del intervalo/ })
      .getByRole("cell")
      .innerText(),
    "bootstrap BCa",
  );
  await expectAccessible(page, "estimación desde un CSV (es)");
});
