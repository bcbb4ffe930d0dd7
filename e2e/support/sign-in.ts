import { generate } from "otplib";
import type { Page } from "playwright-core";

/** The sign-in page's words, as a person reads them, in each language. */
export const SIGN_IN_TEXT = {
  en: {
    email: "Email",
    password: "Password",
    continue: "Continue",
    code: /authenticator app/,
    verify: "Verify and sign in",
    newPassword: "New password",
    repeat: "Repeat the new password",
    account: "Your account",
    home: "My work",
  },
  es: {
    email: "Correo electrónico",
    password: "Contraseña",
    continue: "Continuar",
    code: /aplicación de autenticación/,
    verify: "Verificar e iniciar sesión",
    newPassword: "Contraseña nueva",
    repeat: "Repita la contraseña nueva",
    account: "Su cuenta",
    home: "Mi trabajo",
  },
} as const;

const lastCode = new Map<string, string>();

/**
 * The authenticator app: the current code of a secret, waiting for the next 30-second step when
 * this one was already used (Harbor accepts a code once).
 */
export async function authenticatorCode(secret: string): Promise<string> {
  for (;;) {
    const code = await generate({ secret });
    if (lastCode.get(secret) !== code) {
      lastCode.set(secret, code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Signs in through the sign-in page: email and password; then, as the page asks, enrols the shown
 * setup key (returned), sets `newPassword` after a one-time password, and types the code; ends on the
 * account page.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  lang: "en" | "es",
  who: { email: string; password: string; secret?: string; newPassword?: string },
): Promise<string> {
  const T = SIGN_IN_TEXT[lang];
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(T.email, { exact: true }).fill(who.email);
  await page.getByLabel(T.password, { exact: true }).fill(who.password);
  await page.getByRole("button", { name: T.continue }).click();
  await page.getByRole("textbox", { name: T.code }).waitFor();
  const shown = page.getByTestId("totp-secret");
  const secret = (await shown.count()) ? (await shown.innerText()).replace(/\s/g, "") : who.secret;
  if (!secret) throw new Error(`no setup key shown and none given for ${who.email}`);
  if (who.newPassword) {
    await page.getByLabel(T.newPassword, { exact: true }).fill(who.newPassword);
    await page.getByLabel(T.repeat, { exact: true }).fill(who.newPassword);
  }
  await page.getByRole("textbox", { name: T.code }).fill(await authenticatorCode(secret));
  await page.getByRole("button", { name: T.verify }).click();
  // Signed in, the user lands on their home page; the account page is the sign-in page once signed in.
  await page.getByRole("heading", { level: 1, name: T.home }).waitFor();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole("heading", { level: 1, name: T.account }).waitFor();
  return secret;
}
