import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { type HarborProcess, startHarbor } from "../test/support/harbor-process.ts";
import { EXE_BYTES, pdfWith } from "../test/support/multipart.ts";
import { expectAccessible, launchBrowser, newPage } from "./support/browser.ts";
import { harborCli } from "./support/cli.ts";
import { signInThroughPage } from "./support/sign-in.ts";

/*
 * Attachments in a real browser against a real Harbor: an advocate opens a case, goes to its
 * attachments from the case page, uploads a PDF (the limit and allowed types shown), sees it listed
 * and downloads the same bytes as an attachment; a renamed executable is refused with an announced
 * error. Axe-clean in English and Spanish.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-e2e-attachments-"));
const cli = harborCli(dataDir);
const e = {} as { harbor: HarborProcess; browser: Browser };

before(async () => {
  e.harbor = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  e.browser = await launchBrowser();
});
after(async () => {
  await e.browser?.close();
  await e.harbor?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("upload a file, see it listed, download it; a renamed executable is refused; axe clean", async () => {
  cli(["org", "create", "--id", "shelter", "--name", "Safe Shelter", "--type", "service_provider"]);
  const password = "correct horse battery staple attach";
  const out = cli(
    [
      "user",
      "create",
      "--org",
      "shelter",
      "--email",
      "adv@shelter.test",
      "--role",
      "advocate",
      "--password-stdin",
    ],
    `${password}\n`,
  );
  const secret = /TOTP secret \(shown once\): (\S+)/.exec(out)?.[1];
  assert.ok(secret, out);
  const page = await newPage(e.browser, "en");
  await signInThroughPage(page, e.harbor.url, "en", {
    email: "adv@shelter.test",
    password,
    secret,
    newPassword: "my own attachments passphrase",
  });

  await page.goto(`${e.harbor.url}/cases`);
  await page.getByLabel("Working title").fill("Westside intake");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("heading", { level: 1, name: "Westside intake" }).waitFor();
  await page.getByRole("link", { name: "Attachments" }).click();
  await page.getByRole("heading", { level: 1, name: "Attachments" }).waitFor();
  await page.getByText("No attachments yet.").waitFor();
  await page.getByText(/Up to 10 MB\. Allowed: PDF, PNG/).waitFor();
  await expectAccessible(page, "attachments, empty (en)");

  const pdf = pdfWith("e2e statement");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "Signed statement.pdf",
    mimeType: "application/pdf",
    buffer: pdf,
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByRole("status").filter({ hasText: "Signed statement.pdf was attached." }).waitFor();
  const link = page.getByRole("link", { name: "Signed statement.pdf" });
  await link.waitFor();
  await expectAccessible(page, "attachments, listed (en)");

  const href = await link.getAttribute("href");
  assert.ok(href);
  const download = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return {
      disposition: r.headers.get("content-disposition"),
      nosniff: r.headers.get("x-content-type-options"),
      bytes: Array.from(new Uint8Array(await r.arrayBuffer())),
    };
  }, href);
  assert.match(download.disposition ?? "", /^attachment; /);
  assert.equal(download.nosniff, "nosniff");
  assert.ok(Buffer.from(download.bytes).equals(pdf), "the same bytes come back");

  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "invoice.pdf",
    mimeType: "application/pdf",
    buffer: EXE_BYTES,
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByRole("alert").filter({ hasText: "This type of file cannot be attached." }).waitFor();
  assert.match(await page.getByRole("alert").innerText(), /application\/x-msdownload/);
  await expectAccessible(page, "attachments, refused (en)");

  await page.evaluate(() => localStorage.setItem("harbor.lang", "es"));
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Archivos adjuntos" }).waitFor();
  await page.getByRole("link", { name: "Signed statement.pdf" }).waitFor();
  await expectAccessible(page, "attachments (es)");
});
