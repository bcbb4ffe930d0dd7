import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { cryptoFor } from "../auth/totp-secrets.ts";
import { registerSearchCrypto } from "../search/search.crypto.ts";
import { cliCall } from "../users/users.cli.ts";
import { clearDemo, demoSignInCode, loadDemo } from "./demo.service.ts";

/** `harbor demo load`: prints who can sign in, once. */
export async function loadCommand(): Promise<void> {
  await withStore(async (store) => {
    const crypto = await cryptoFor(store, loadConfig());
    // What start-up does for a server: the demo's writers index their free text for search.
    registerSearchCrypto(crypto);
    const loaded = await cliCall(() => loadDemo(store, crypto));
    const { cases, persons, tips } = loaded.counts;
    console.log(
      `Loaded the DEMO task force: ${tips} tips, ${cases} cases, ${persons} people (all synthetic).`,
    );
    console.log("Sign-in details (shown once; each password must be changed at the first sign-in):\n");
    for (const s of loaded.signIns)
      console.log(`  ${s.email.padEnd(44)} ${s.roles.join(",").padEnd(13)} password ${s.initialPassword}`);
    console.log(
      "\nThe second step asks for a code: `harbor demo code EMAIL` prints it, or add the secret to an authenticator app:\n",
    );
    for (const s of loaded.signIns) console.log(`  ${s.email.padEnd(44)} TOTP secret ${s.totpSecret}`);
    console.log("\n`harbor demo clear` removes the demo.");
  });
}

/** `harbor demo clear`. */
export async function clearCommand(): Promise<void> {
  await withStore(async (store) => {
    const { rowsDeleted } = await cliCall(() => clearDemo(store));
    console.log(`Removed the demo (${rowsDeleted} rows); its audit trail stays.`);
  });
}

/** `harbor demo code EMAIL`. */
export async function codeCommand(email: string): Promise<void> {
  await withStore(
    async (store) => {
      console.log(
        await cliCall(async () => demoSignInCode(store, await cryptoFor(store, loadConfig()), email)),
      );
    },
    { quiet: true },
  );
}
