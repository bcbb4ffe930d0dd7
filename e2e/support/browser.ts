import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { type HarborProcess, startHarbor } from "../../test/support/harbor-process.ts";

/** Debian's Chromium, by its installed path (no browser download happens anywhere). */
export function chromiumPath(): string {
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  return execFileSync("which", ["chromium"]).toString().trim();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A real Harbor on a throwaway data folder, plus a browser, for one e2e file. */
export interface E2EEnvironment {
  harbor: HarborProcess;
  browser: Browser;
  close(): Promise<void>;
}

export async function startE2E(env: Record<string, string> = {}): Promise<E2EEnvironment> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-"));
  const harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir, ...env });
  const browser = await launchBrowser();
  return {
    harbor,
    browser,
    async close() {
      await browser.close();
      await harbor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a page in the given language (the app reads it from localStorage before it renders). */
export async function newPage(browser: Browser, lang: "en" | "es"): Promise<Page> {
  const context = await browser.newContext({ locale: lang === "es" ? "es-US" : "en-US" });
  await context.addInitScript((l) => {
    if (!localStorage.getItem("harbor.lang")) localStorage.setItem("harbor.lang", l);
  }, lang);
  // Nothing leaves this machine: outside addresses (e.g. quick exit's target) get a stub page.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: "<title>Elsewhere</title><p>elsewhere</p>",
    }),
  );
  return context.newPage();
}

/** Asserts zero WCAG 2.1 A/AA violations on the page as it is now, listing any found. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  if (results.violations.length) {
    const summary = results.violations
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
      )
      .join("\n");
    throw new Error(`axe found ${results.violations.length} violation(s) on ${label}:\n${summary}`);
  }
}
