import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { type E2EEnvironment, expectAccessible, newPage, startE2E } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-tokens-"));
let env: E2EEnvironment;

const harbor = harborCli(dataDir);

const PASSWORD = "harbor seal lighthouse 2026";
const CHOSEN = "grey gulls over the breakwater";
const TEXT = {
  en: {
    home: "Home",
    directory: "Directory",
    findHelp: "Find help",
    signIn: "Sign in",
    cases: "Cases",
    users: "Users",
    orgs: "Organizations",
    audit: "Audit log",
    tokens: "API tokens",
    signOut: "Sign out",
    signedOut: "You are signed out.",
    user: "User",
    label: "Label (optional)",
    days: "Lifetime in days",
    once: "It will not be shown again.",
    never: "Never",
    revoke: "Revoke",
    confirm: "Yes, revoke it",
    revoked: /is revoked/,
    revokedStatus: /Revoked/,
  },
  es: {
    home: "Inicio",
    directory: "Directorio",
    findHelp: "Buscar ayuda",
    signIn: "Iniciar sesión",
    cases: "Casos",
    users: "Usuarios",
    orgs: "Organizaciones",
    audit: "Registro de auditoría",
    tokens: "Tokens de API",
    signOut: "Cerrar sesión",
    signedOut: "Ha cerrado la sesión.",
    user: "Usuario",
    label: "Etiqueta (opcional)",
    days: "Duración en días",
    once: "No se volverá a mostrar.",
    never: "Nunca",
    revoke: "Revocar",
    confirm: "Sí, revocarlo",
    revoked: /está revocado/,
    revokedStatus: /Revocado/,
  },
} as const;

const WORK_LINKS = ["cases", "users", "orgs", "audit", "tokens"] as const;

before(async () => {
  env = await startE2E({ HARBOR_DATA_DIR: dataDir });
  harbor(["org", "create", "--id", "metro-pd", "--name", "Metro Police", "--type", "law_enforcement"]);
  for (const lang of ["en", "es"]) {
    const users: [string, string][] = [
      [`admin-${lang}@metro.test`, "admin"],
      [`auditor-${lang}@metro.test`, "auditor"],
      [`script-${lang}@metro.test`, "investigator"],
    ];
    for (const [email, role] of users) {
      harbor(
        ["user", "create", "--org", "metro-pd", "--email", email, "--role", role, "--password-stdin"],
        `${PASSWORD}\n`,
      );
    }
  }
});
after(() => env?.close());

/** The names of the header's links, as a screen reader lists them. */
async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: /Primary navigation|Navegación principal/ });
  return (await nav.getByRole("link").allInnerTexts()).map((s) => s.trim());
}

/** A first sign-in: the one-time password, a new password, and the TOTP enrolment (otplib plays the app). */
async function signIn(page: Page, lang: "en" | "es", email: string): Promise<void> {
  await signInThroughPage(page, env.harbor.url, lang, { email, password: PASSWORD, newPassword: CHOSEN });
}

const bearerMe = (token: string) =>
  fetch(`${env.harbor.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });

for (const lang of ["en", "es"] as const) {
  const T = TEXT[lang];
  describe(`API tokens and the auth-aware header in ${lang}`, () => {
    test("signed out, the header offers only the public pages and sign-in", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(env.harbor.url);
      await page.getByRole("link", { name: T.signIn }).first().waitFor();
      const links = await navLinks(page);
      for (const name of [T.home, T.directory, T.findHelp, T.signIn]) assert.ok(links.includes(name), name);
      for (const key of WORK_LINKS) assert.ok(!links.includes(T[key]), `${T[key]} hidden when signed out`);
      await expectAccessible(page, `header signed out (${lang})`);
      await page.context().close();
    });

    test("an auditor sees Cases and Audit log, not the admin pages", async () => {
      const page = await newPage(env.browser, lang);
      await signIn(page, lang, `auditor-${lang}@metro.test`);
      await page.getByRole("link", { name: T.audit }).first().waitFor();
      const links = await navLinks(page);
      assert.ok(links.includes(T.cases) && links.includes(T.audit), links.join(", "));
      for (const name of [T.users, T.orgs, T.tokens, T.signIn]) assert.ok(!links.includes(name), name);
      await page.context().close();
    });

    test("an admin creates a token (shown once), uses it as a Bearer token, then revokes it", async () => {
      const page = await newPage(env.browser, lang);
      const admin = `admin-${lang}@metro.test`;
      const script = `script-${lang}@metro.test`;
      await signIn(page, lang, admin);

      // The header follows the session: work links for an admin, the email and Sign out.
      const header = page.getByRole("banner");
      await header.getByRole("link", { name: T.tokens }).waitFor();
      const links = await navLinks(page);
      // Admins read their organization's audit log too: the policy says so, and /auth/me tells the header.
      for (const name of [T.cases, T.users, T.orgs, T.tokens, T.audit]) assert.ok(links.includes(name), name);
      assert.ok(!links.includes(T.signIn), "no sign-in link when signed in");
      assert.match(await page.getByTestId("signed-in-as").innerText(), new RegExp(admin));
      await expectAccessible(page, `header signed in (${lang})`);

      // Keyboard only from here: focus the header link and press Enter.
      await header.getByRole("link", { name: T.tokens }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: T.tokens }).waitFor();
      await page.getByLabel(T.user).locator("option", { hasText: script }).waitFor({ state: "attached" });
      await expectAccessible(page, `tokens page (${lang})`);

      await page.getByLabel(T.user).focus();
      await page.getByLabel(T.user).selectOption({ label: script });
      const label = `nightly-export-${lang}`;
      await page.getByLabel(T.label).focus();
      await page.keyboard.type(label);
      await page.getByLabel(T.days).fill("7");
      await page.keyboard.press("Enter");
      const tokenBox = page.getByTestId("created-token");
      await tokenBox.waitFor();
      const token = await tokenBox.inputValue();
      assert.match(token, /^hbr_\S{20,}$/);
      assert.match(await page.getByTestId("created-token-notice").innerText(), new RegExp(T.once));
      await expectAccessible(page, `token shown once (${lang})`);

      const row = page.getByTestId("tokens-table").getByRole("row").filter({ hasText: label });
      await row.waitFor();
      assert.match(await row.innerText(), new RegExp(script));
      assert.match(await row.innerText(), new RegExp(T.never));

      const me = await bearerMe(token);
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { user: { email: string } }).user.email, script);

      // Shown once: after a reload the secret is nowhere on the page; the use is recorded.
      await page.reload();
      await row.waitFor();
      assert.equal(await page.getByTestId("created-token").count(), 0);
      assert.ok(!(await page.content()).includes(token), "the secret is not shown again");
      assert.doesNotMatch(await row.innerText(), new RegExp(T.never));

      // Revoke asks first; Escape cancels and gives the focus back to the Revoke button.
      const revokeButton = row.getByRole("button", { name: new RegExp(`^${T.revoke}`) });
      await revokeButton.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      await expectAccessible(page, `revoke confirmation (${lang})`);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      assert.ok(await revokeButton.evaluate((el) => el === document.activeElement), "focus returned");
      assert.equal((await bearerMe(token)).status, 200, "cancel keeps the token");

      await page.keyboard.press("Enter");
      await dialog.getByRole("button", { name: T.confirm }).click();
      await page.getByRole("status").filter({ hasText: T.revoked }).waitFor();
      assert.match(await row.innerText(), T.revokedStatus);
      assert.equal(await row.getByRole("button").count(), 0, "a revoked token offers no action");
      assert.equal((await bearerMe(token)).status, 401, "a revoked token is refused");
      await expectAccessible(page, `token revoked (${lang})`);

      // Sign out from the header: back to the public links, and the server session is gone.
      await header.getByRole("button", { name: T.signOut }).click();
      await page.getByText(T.signedOut).waitFor();
      await header.getByRole("link", { name: T.signIn }).waitFor();
      const after = await navLinks(page);
      for (const key of WORK_LINKS) assert.ok(!after.includes(T[key]), `${T[key]} hidden after sign-out`);
      assert.equal((await page.request.get(`${env.harbor.url}/api/v1/auth/me`)).status(), 401);
      await expectAccessible(page, `signed out from the header (${lang})`);
      await page.context().close();
    });
  });
}
