import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { type E2EEnvironment, expectAccessible, newPage, startE2E } from "./support/browser.ts";

let env: E2EEnvironment;
before(async () => {
  env = await startE2E();
});
after(() => env?.close());

const TEXT = {
  en: {
    directory: "Federal anti-trafficking directory",
    navigator: "Find who can help",
    search: "Search",
    what: "What they do",
    prosecutes: "Prosecutes",
    count2: "2 entries found",
    public: "A member of the public",
    tip: "Report a tip",
    show: "Show who can help",
    required: "Required",
    deadlines: "Deadlines",
    answer: "Answer this question",
    whatHappened: "What happened",
    exit: "Quick exit",
    hours24: /24 hours/,
    notifyReason: "notify HHS within 24 hours",
    hotlineReason: "takes tips and calls 24 hours a day",
    vawaDetail: "Lawyers and advocates can check the status of an already submitted case.",
  },
  es: {
    directory: "Directorio federal contra la trata",
    navigator: "Buscar quién puede ayudar",
    search: "Buscar",
    what: "Qué hacen",
    prosecutes: "Procesa judicialmente",
    count2: "2 entradas encontradas",
    public: "Un miembro del público",
    tip: "Denunciar un caso",
    show: "Ver quién puede ayudar",
    required: "Obligatorio",
    deadlines: "Plazos",
    answer: "Responder esta pregunta",
    whatHappened: "Qué pasó",
    exit: "Salida rápida",
    hours24: /24 horas/,
    notifyReason: "notifique al HHS en un plazo de 24 horas",
    hotlineReason: "recibe denuncias y llamadas las 24 horas del día",
    vawaDetail: "Los abogados y defensores pueden consultar el estado de un caso ya presentado.",
  },
} as const;

/** Presses Tab until the focused element matches, as a keyboard-only user would (fails after `max` presses). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`keyboard never reached ${selector}`);
}

/** Moves within a radio group with the arrow keys (how a keyboard user picks a radio) until one matches. */
async function arrowTo(page: Page, selector: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("ArrowDown");
  }
  assert.fail(`arrow keys never reached ${selector}`);
}

for (const lang of ["en", "es"] as const) {
  const T = TEXT[lang];
  describe(`directory and navigator in ${lang}`, () => {
    test("the directory searches, filters and shows each entry's sources, and passes axe", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/directory`);
      await page.getByRole("heading", { level: 1, name: T.directory }).waitFor();
      assert.ok(await page.getByRole("button", { name: T.exit }).isVisible());
      await page.getByText(/38/).first().waitFor();
      await expectAccessible(page, `directory (${lang})`);
      await page.getByRole("searchbox").fill("vawa");
      await page.getByRole("button", { name: T.search, exact: true }).click();
      await page.getByRole("heading", { level: 2, name: "VAWA Unit Helpline" }).waitFor();
      assert.match(await page.locator("main").innerText(), /802-527-4888/);
      // The entry's prose is in the page's language and marked as such; the source quotes stay English.
      assert.equal(await page.getByText(T.vawaDetail).getAttribute("lang"), lang);
      await page.getByRole("searchbox").fill("");
      await page.getByRole("button", { name: T.search, exact: true }).click();
      await page.locator("#filter-function").selectOption("prosecute");
      await page.getByText(T.count2).waitFor();
      const summary = page.locator("summary").first();
      await summary.click();
      await page.locator("details[open] q").first().waitFor();
      await expectAccessible(page, `directory with sources open (${lang})`);
      await page.context().close();
    });

    test("keyboard only: a member of the public with a tip gets the hotline", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/navigator`);
      await page.getByRole("heading", { level: 1, name: T.navigator }).waitFor();
      await tabTo(page, "input[name=requester]");
      await arrowTo(page, "#requester-public");
      await tabTo(page, "#needs-report_tip");
      await page.keyboard.press("Space");
      await tabTo(page, "button[type=submit]");
      await page.keyboard.press("Enter");
      await page.getByText("1-888-373-7888").first().waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "results-heading");
      const reason = page.getByText(T.hotlineReason);
      assert.equal(
        await reason.getAttribute("lang"),
        lang,
        "the reason is in, and marked as, the page's language",
      );
      await expectAccessible(page, `navigator results (${lang})`);
      await page.context().close();
    });

    test("a foreign national child: the required HHS notice, its deadline, and what to ask next", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/navigator`);
      await page.getByRole("button", { name: lang === "en" ? "Next" : "Siguiente" }).click();
      await page.locator("#age").fill("15");
      await page.locator("label[for=citizenship-foreign_national]").click();
      await page.getByRole("button", { name: T.show }).click();
      await page.getByText(T.required, { exact: true }).first().waitFor();
      await page.getByRole("heading", { name: T.deadlines }).waitFor();
      const main = await page.locator("main").innerText();
      assert.match(main, T.hours24);
      assert.ok(main.includes(T.notifyReason), "the required notice's reason is in the page's language");
      if (lang === "es") assert.ok(!main.includes(TEXT.en.notifyReason), "no English reason in Spanish");
      await page.locator("summary").first().click();
      assert.equal(await page.locator("details[open] li span").first().getAttribute("lang"), "en");
      await expectAccessible(page, `navigator child results (${lang})`);
      await page
        .getByRole("button", { name: new RegExp(T.answer) })
        .first()
        .click();
      await page.getByRole("heading", { level: 2, name: new RegExp(T.whatHappened) }).waitFor();
      assert.match(
        (await page.evaluate(() => document.activeElement?.textContent)) ?? "",
        new RegExp(T.whatHappened),
      );
      await expectAccessible(page, `navigator step 3 (${lang})`);
      await page.context().close();
    });
  });
}

describe("switching language re-requests the answers", () => {
  test("navigator results and directory entries follow the language switch, and pass axe", async () => {
    const page = await newPage(env.browser, "en");
    await page.goto(`${env.harbor.url}/navigator`);
    await page.locator("label[for=requester-public]").click();
    await page.getByRole("button", { name: TEXT.en.show }).click();
    await page.getByText(TEXT.en.hotlineReason).waitFor();
    await page.getByTestId("language-switch").click();
    await page.getByText(TEXT.es.hotlineReason).waitFor();
    assert.equal(await page.getByText(TEXT.es.hotlineReason).getAttribute("lang"), "es");
    assert.ok(!(await page.locator("main").innerText()).includes(TEXT.en.hotlineReason));
    await expectAccessible(page, "navigator results after switching to Spanish");
    await page.goto(`${env.harbor.url}/directory`);
    await page.getByText(TEXT.es.vawaDetail).waitFor();
    await page.getByTestId("language-switch").click();
    await page.getByText(TEXT.en.vawaDetail).waitFor();
    assert.equal(await page.getByText(TEXT.en.vawaDetail).getAttribute("lang"), "en");
    await page.context().close();
  });
});
