import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type E2EEnvironment, expectAccessible, newPage, startE2E } from "./support/browser.ts";

let env: E2EEnvironment;
before(async () => {
  env = await startE2E();
});
after(() => env?.close());

const TEXT = {
  en: {
    banner: "An official website of the United States government",
    heading: "Harbor: the anti-trafficking response",
    switchTo: "Español",
    exit: "Quick exit",
    available: ["Directory and routing", "Case coordination", "Record linkage"],
    coming: ["Tip intake and triage", "Services and immigration relief", "Information center", "Statistics"],
    comingTag: "Coming",
    directoryLink: "Open the directory",
    directoryHeading: /Directory|directorio/i,
  },
  es: {
    banner: "Un sitio oficial del Gobierno de Estados Unidos",
    heading: "Harbor: la respuesta contra la trata",
    switchTo: "English",
    exit: "Salida rápida",
    available: ["Directorio y derivación", "Coordinación de casos", "Vinculación de registros"],
    coming: [
      "Recepción y clasificación de denuncias",
      "Servicios y amparo migratorio",
      "Centro de información",
      "Estadísticas",
    ],
    comingTag: "Próximamente",
    directoryLink: "Abrir el directorio",
    directoryHeading: /Directory|directorio/i,
  },
} as const;

for (const lang of ["en", "es"] as const) {
  describe(`web shell in ${lang}`, () => {
    test("the landing page says what Harbor is, with banner, navigation and quick exit, and passes axe", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(env.harbor.url);
      await page.getByRole("heading", { level: 1 }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.match(await page.locator(".usa-banner").innerText(), new RegExp(TEXT[lang].banner));
      assert.match(await page.getByRole("heading", { level: 1 }).innerText(), new RegExp(TEXT[lang].heading));
      assert.ok(await page.getByRole("navigation").count());
      assert.ok(await page.getByRole("button", { name: TEXT[lang].exit }).isVisible());
      await expectAccessible(page, `landing (${lang})`);
      await page.getByRole("button", { name: /how you know|c[oó]mo usted puede/i }).click();
      await expectAccessible(page, `landing with banner open (${lang})`);
      await page.context().close();
    });

    test("the home page shows what works, with links to it, and marks the rest as coming", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(env.harbor.url);
      const available = page.getByTestId("available");
      const coming = page.getByTestId("coming");
      await available.waitFor();
      const titles = (list: typeof available) => list.locator(".usa-card__heading").allInnerTexts();
      const availableTitles = await titles(available);
      assert.equal(availableTitles.length, TEXT[lang].available.length);
      for (const [i, title] of TEXT[lang].available.entries())
        assert.match(availableTitles[i]!, new RegExp(title));
      const comingTitles = await titles(coming);
      assert.equal(comingTitles.length, TEXT[lang].coming.length);
      for (const [i, title] of TEXT[lang].coming.entries()) {
        assert.match(comingTitles[i]!, new RegExp(title));
        assert.match(
          comingTitles[i]!,
          new RegExp(TEXT[lang].comingTag, "iu"),
          `${title} is marked as coming`,
        );
      }
      assert.equal(await available.locator(".usa-tag").count(), 0, "nothing that works is marked as coming");
      assert.equal(await coming.getByRole("link").count(), 0, "nothing coming links anywhere");
      await expectAccessible(page, `home with what works and what is coming (${lang})`);
      await available.getByRole("link", { name: TEXT[lang].directoryLink }).click();
      await page.waitForURL(/\/directory$/);
      await page.getByRole("heading", { level: 1, name: TEXT[lang].directoryHeading }).waitFor();
      await page.context().close();
    });

    test("the skip link is the first stop for the keyboard and moves focus to the content", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(env.harbor.url);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      assert.equal(focused, "#main-content");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "main-content");
      await page.context().close();
    });

    test("the language switch changes every string and the page language", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(env.harbor.url);
      await page.getByRole("button", { name: TEXT[lang].switchTo }).click();
      const other = lang === "en" ? "es" : "en";
      await page.getByRole("heading", { level: 1, name: new RegExp(TEXT[other].heading) }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), other);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: new RegExp(TEXT[other].heading) }).waitFor();
      await page.context().close();
    });

    test("quick exit leaves at once and Back does not return to Harbor", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/`);
      await page.getByRole("button", { name: TEXT[lang].exit }).click();
      await page.waitForURL(/weather\.gov/);
      await page.goBack().catch(() => undefined);
      assert.ok(!page.url().startsWith(env.harbor.url), `Back returned to ${page.url()}`);
      await page.context().close();
    });

    test("an unknown page says so, accessibly", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/no/such/page`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectAccessible(page, `not found (${lang})`);
      await page.context().close();
    });
  });
}
