import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";

/*
 * The statistics dashboard in a real browser: an investigator's cases (12 in Texas, 11 in California,
 * 2 in Georgia) drawn as the by-state map and tables, Georgia suppressed (and California with it, so
 * Georgia cannot be worked out from the total); charts with their data tables; the filters in the URL;
 * the map usable from the keyboard; nothing fetched from outside; CSV and PDF downloads; axe-clean in
 * English and Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-stats-"));
let harbor: HarborProcess;
let browser: Browser;
const password = "correct horse battery staple stats";
let secret = "";

before(async () => {
  harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  browser = await launchBrowser();
  const cli = harborCli(dataDir);
  cli(["org", "create", "--id", "stats-pd", "--name", "Stats Police", "--type", "law_enforcement"]);
  const created = cli(
    [
      "user",
      "create",
      "--org",
      "stats-pd",
      "--email",
      "inv@stats.test",
      "--role",
      "investigator",
      "--password-stdin",
    ],
    `${password}\n`,
  );
  secret = /TOTP secret \(shown once\): (\S+)/.exec(created)?.[1] ?? "";
  assert.ok(secret, created);
});
after(async () => {
  await browser?.close();
  await harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let signedInOnce = false;
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
    ["inv@stats.test", signedInOnce ? "my own stats passphrase" : password],
  );
  let code = await generate({ secret });
  // A code is accepted once: the second sign-in waits for the next one.
  if (signedInOnce) {
    const first = code;
    while (code === first) {
      await new Promise((r) => setTimeout(r, 1000));
      code = await generate({ secret });
    }
  }
  const status = await page.evaluate(
    async ([id, c, n]) =>
      (
        await fetch("/api/v1/auth/mfa", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ challengeId: id, code: c, ...(n ? { newPassword: n } : {}) }),
        })
      ).status,
    [challenge.challengeId as string, code, signedInOnce ? "" : "my own stats passphrase"],
  );
  assert.equal(status, 200, "signed in");
  signedInOnce = true;
}

test("the dashboard draws the by-state map, charts and tables; suppressed states say so (en, es)", async () => {
  const page = await newPage(browser, "en");
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(r.url())) outside.push(r.url());
  });
  await signIn(page);
  const created = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const statuses: number[] = [];
    for (const [state, n] of [
      ["TX", 12],
      ["CA", 11],
      ["GA", 2],
    ] as const)
      for (let i = 0; i < n; i++)
        statuses.push(
          (
            await fetch("/api/v1/cases", {
              method: "POST",
              headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
              body: JSON.stringify({
                title: `Case ${state} ${i}`,
                traffickingType: "labor",
                incidentState: state,
              }),
            })
          ).status,
        );
    return statuses;
  });
  assert.deepEqual(new Set(created), new Set([201]));

  // The header offers the page to a role that may read statistics.
  await page.goto(`${harbor.url}/work`);
  await page.getByRole("link", { name: "Statistics" }).click();
  await page.getByRole("heading", { level: 1, name: "Statistics" }).waitFor();
  await page.locator("[data-report=incidents] [data-chart] svg").first().waitFor();
  await expectAccessible(page, "statistics, incidents (en)");

  // The filters go into the URL (shareable; reloading shows the same report).
  await page.getByLabel("Report").selectOption("hotline");
  await page.getByLabel("First day").fill("2020-01-01");
  await page.getByRole("button", { name: "Show report" }).click();
  await page.waitForURL(/\/stats\?report=hotline&from=2020-01-01$/);
  await page.reload();
  const map = page.getByRole("group", { name: /Map of the United States, Incidents by state/ });
  await map.waitFor();
  assert.equal(await page.getByLabel("First day").inputValue(), "2020-01-01");

  const byState = page.locator("table[data-table=incidents_by_state]");
  await byState.getByRole("caption").filter({ hasText: "Incidents by state" }).waitFor();
  const cellOf = (state: string) =>
    byState.getByRole("row", { name: new RegExp(`^${state} `) }).getByRole("cell");
  assert.equal(await cellOf("TX").innerText(), "12");
  assert.equal(await cellOf("GA").innerText(), "suppressed (fewer than 11)");
  assert.equal(await cellOf("CA").innerText(), "suppressed (protects a count fewer than 11)");
  assert.match(
    await page.locator("[data-section=incidents_by_state]").innerText(),
    /GA: suppressed \(fewer than 11\)/,
  );
  // Every other table is a chart with its data table.
  assert.equal(await page.locator("[data-section] [data-chart]").count(), 2);
  assert.equal(await page.locator("[data-section] table caption").count(), 3);
  assert.match(
    String(await page.locator("[data-chart=victims_by_industry_type]").getAttribute("aria-label")),
    /Bar chart, Victims by industry and type of trafficking\./,
  );

  // The map: one tab stop; arrow keys go from state to state; each says its count or why not.
  const texas = map.getByRole("img", { name: "Texas: 12" });
  assert.equal(await texas.getAttribute("fill"), "#0b4778");
  assert.equal(
    await map.getByRole("img", { name: "Georgia: suppressed (fewer than 11)" }).getAttribute("fill"),
    "url(#stats-suppressed)",
  );
  await map.getByRole("img", { name: /^Alabama: 0$/ }).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Alaska: 0");
  await page.getByText("Selected: Alaska: 0").waitFor();
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-state")), "WY");
  assert.equal(await map.locator("[tabindex='0']").count(), 1);
  await expectAccessible(page, "statistics, hotline with map (en)");

  // Downloads: the server's formula-safe CSV and the tagged PDF, with the same filters.
  const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const pdfHref = await page.getByRole("link", { name: "Download accessible PDF" }).getAttribute("href");
  assert.equal(csvHref, "/api/v1/stats/hotline?from=2020-01-01&format=csv");
  const downloads = await page.evaluate(
    async ([c, p]) =>
      Promise.all(
        [c, p].map(async (u) => {
          const r = await fetch(String(u));
          return [r.headers.get("content-type"), r.headers.get("content-disposition")];
        }),
      ),
    [csvHref, pdfHref],
  );
  assert.match(String(downloads[0]?.[0]), /^text\/csv/);
  assert.equal(downloads[1]?.[0], "application/pdf");
  assert.match(
    String(downloads[1]?.[1]),
    /^attachment; filename="harbor-stats-hotline-2020-01-01-to-today\.pdf"$/,
  );
  assert.deepEqual(outside, [], "nothing is fetched from outside");

  // Spanish.
  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Estadísticas" }).waitFor();
  const mapa = page.getByRole("group", { name: /Mapa de los Estados Unidos, Incidentes por estado/ });
  await mapa.waitFor();
  await page.getByRole("heading", { name: "Incidentes por estado", exact: true }).waitFor();
  assert.equal(
    await page
      .locator("table[data-table=incidents_by_state]")
      .getByRole("row", { name: /^GA / })
      .getByRole("cell")
      .innerText(),
    "suprimido (menos de 11)",
  );
  assert.match(
    String(await page.getByRole("link", { name: "Descargar PDF accesible" }).getAttribute("href")),
    /lang=es/,
  );
  await expectAccessible(page, "estadísticas, mapa (es)");
});
