import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { type E2EEnvironment, expectAccessible, newPage, startE2E } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-auth-"));
let env: E2EEnvironment;

const harbor = harborCli(dataDir);

const PASSWORD = "river otter tidewater 2026";
const TEXT = {
  en: {
    signIn: "Sign in",
    continue: "Continue",
    verify: "Verify and sign in",
    wrong: "The email or password is wrong.",
    account: "Your account",
    home: "My work",
    users: "Users",
    add: "Add user",
    orgs: "Organizations",
    audit: "Audit log",
    signOut: "Sign out",
    signedOut: "You are signed out.",
  },
  es: {
    signIn: "Iniciar sesión",
    continue: "Continuar",
    verify: "Verificar e iniciar sesión",
    wrong: "El correo electrónico o la contraseña no son correctos.",
    account: "Su cuenta",
    home: "Mi trabajo",
    users: "Usuarios",
    add: "Agregar usuario",
    orgs: "Organizaciones",
    audit: "Registro de auditoría",
    signOut: "Cerrar sesión",
    signedOut: "Ha cerrado la sesión.",
  },
} as const;

before(async () => {
  env = await startE2E({ HARBOR_DATA_DIR: dataDir });
  harbor([
    "org",
    "create",
    "--id",
    "state-gov",
    "--name",
    "State Anti-Trafficking Office",
    "--type",
    "government",
  ]);
  for (const lang of ["en", "es"]) {
    harbor(
      [
        "user",
        "create",
        "--org",
        "state-gov",
        "--email",
        `chief-${lang}@state.test`,
        "--role",
        "admin,auditor",
        "--password-stdin",
      ],
      `${PASSWORD}\n`,
    );
  }
});
after(() => env?.close());

async function heading(page: Page, name: string) {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

for (const lang of ["en", "es"] as const) {
  const T = TEXT[lang];
  describe(`sign-in, administration and audit in ${lang}`, () => {
    test("password, first-time enrolment, TOTP, admin pages and audit viewer: zero axe violations", async () => {
      const page = await newPage(env.browser, lang);
      await page.goto(`${env.harbor.url}/sign-in`);
      await heading(page, T.signIn);
      await expectAccessible(page, `sign-in (${lang})`);

      const email = `chief-${lang}@state.test`;
      await page.getByLabel(lang === "en" ? "Email" : "Correo electrónico").fill(email);
      await page.getByLabel(lang === "en" ? "Password" : "Contraseña").fill("not the password at all");
      await page.getByRole("button", { name: T.continue }).click();
      await page.getByRole("alert").filter({ hasText: T.wrong }).waitFor();
      await expectAccessible(page, `sign-in error (${lang})`);

      await page.getByLabel(lang === "en" ? "Password" : "Contraseña").fill(PASSWORD);
      await page.getByRole("button", { name: T.continue }).click();
      const secretBox = page.getByTestId("totp-secret");
      await secretBox.waitFor();
      await expectAccessible(page, `MFA enrolment (${lang})`);
      // The user types the shown key into an authenticator app; otplib plays the app here.
      const secret = (await secretBox.innerText()).replace(/\s/g, "");
      const code = await generate({ secret });
      // The password from the CLI was a one-time password: the same step sets the user's own.
      const chosen = "a brand new phrase of mine";
      await page
        .getByLabel(lang === "en" ? "New password" : "Contraseña nueva", { exact: true })
        .fill(chosen);
      await page
        .getByLabel(lang === "en" ? "Repeat the new password" : "Repita la contraseña nueva", { exact: true })
        .fill(chosen);
      await page
        .getByRole("textbox", { name: lang === "en" ? /authenticator app/ : /aplicación de autenticación/ })
        .fill(code);
      await page.getByRole("button", { name: T.verify }).click();
      // Signed in from the sign-in page itself: the user lands on their home page.
      await heading(page, T.home);
      assert.equal(new URL(page.url()).pathname, "/work");
      await expectAccessible(page, `signed in (${lang})`);

      // Secure cookies are accepted on http://127.0.0.1: Chromium treats loopback as a secure context.
      const cookie = (await page.context().cookies()).find((c) => c.name === "__Host-harbor_session");
      assert.ok(cookie, "session cookie stored by the browser");
      assert.deepEqual(
        [cookie.secure, cookie.httpOnly, cookie.sameSite, cookie.path],
        [true, true, "Strict", "/"],
      );

      await page.getByRole("link", { name: T.users }).first().click();
      await heading(page, T.users);
      await page.getByRole("table").waitFor();
      await expectAccessible(page, `users (${lang})`);
      await page
        .getByLabel(lang === "en" ? "Work email" : "Correo electrónico de trabajo")
        .fill(`new-${lang}@state.test`);
      // USWDS draws its own checkbox: the label is what a person clicks.
      await page.locator('label[for="new-user-role-investigator"]').click();
      assert.ok(await page.getByLabel(lang === "en" ? "Investigator" : "Investigador").isChecked());
      await page.getByRole("button", { name: T.add }).click();
      await page.getByTestId("created-secret").waitFor();
      assert.match(await page.getByTestId("created-password").innerText(), /^\S{16,}$/);
      await expectAccessible(page, `user created (${lang})`);

      await page.goto(`${env.harbor.url}/admin/orgs`);
      await heading(page, T.orgs);
      await page.getByRole("table").waitFor();
      await expectAccessible(page, `organizations (${lang})`);

      await page.goto(`${env.harbor.url}/audit`);
      await heading(page, T.audit);
      await page.getByRole("table").waitFor();
      const text = await page.getByRole("table").innerText();
      assert.match(text, /user\.create/);
      assert.match(text, /auth\.mfa/);
      await expectAccessible(page, `audit viewer (${lang})`);

      await page.goto(`${env.harbor.url}/sign-in`);
      await heading(page, T.account);
      // The header has a Sign out button too: use the one on the account page.
      await page.getByRole("main").getByRole("button", { name: T.signOut }).click();
      await page.getByText(T.signedOut).waitFor();
      const me = await page.request.get(`${env.harbor.url}/api/v1/auth/me`);
      assert.equal(me.status(), 401, "signed out server-side");
      await page.context().close();
    });
  });
}
