import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CliError } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { SYSTEM_ORG } from "../../store/tenancy.ts";
import {
  checkAgainstCheckpoint,
  checkpointSignatureValid,
  loadOrCreateSigningKey,
  loadPublicKey,
  makeCheckpoint,
} from "./audit.checkpoint.ts";
import { recordAudit, verifyChain } from "./audit.service.ts";

/** Where the checkpoint signing key lives: HARBOR_AUDIT_KEY_FILE, else `<data dir>/keys/` (outside the database folder). */
export function signingKeyFile(): string {
  const config = loadConfig();
  return config.HARBOR_AUDIT_KEY_FILE ?? path.join(config.dataDir, "keys", "audit-checkpoint-ed25519.pem");
}

/** `harbor audit verify`. */
export async function verifyCommand(opts: { checkpoint?: string; publicKey?: string }): Promise<void> {
  let checkpoint: unknown;
  if (opts.checkpoint) {
    const key = loadPublicKey(opts.publicKey ?? `${signingKeyFile()}.pub`);
    try {
      checkpoint = JSON.parse(readFileSync(opts.checkpoint, "utf8"));
    } catch {
      throw new CliError("The checkpoint file is not valid JSON.", 1);
    }
    if (!checkpointSignatureValid(checkpoint, key))
      throw new CliError("The checkpoint's signature is not valid: it is forged or altered.", 1);
  }
  await withStore(async (store) => {
    const result = await verifyChain(store.db);
    if (!result.ok) {
      const chain = result.chain === SYSTEM_ORG ? "the system chain" : `the chain of ${result.chain}`;
      throw new CliError(`Audit chain broken at record ${result.brokenAt} of ${chain}: ${result.reason}.`, 1);
    }
    if (
      checkpoint &&
      checkpointSignatureValid(checkpoint, loadPublicKey(opts.publicKey ?? `${signingKeyFile()}.pub`))
    ) {
      const problem = await checkAgainstCheckpoint(store.db, checkpoint);
      if (problem) throw new CliError(`Audit log does not match the checkpoint: ${problem}.`, 1);
    }
    console.log(
      `Audit chain intact: ${result.records} record(s) in ${result.chains.length} chain(s) (one per organization, and the system chain).`,
    );
  });
}

/** `harbor audit checkpoint`. */
export async function checkpointCommand(opts: { out?: string }): Promise<void> {
  const key = loadOrCreateSigningKey(signingKeyFile());
  await withStore(async (store) => {
    const cp = await makeCheckpoint(store.db, key);
    await recordAudit(store.db, {
      actorUserId: "system:cli",
      action: "audit.checkpoint",
      outcome: "success",
      details: { chains: cp.heads.length, root: cp.root, keyId: cp.keyId },
    });
    const text = `${JSON.stringify(cp, null, 2)}\n`;
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
    process.stderr.write(
      `Checkpoint of ${cp.heads.length} chain head(s), root ${cp.root}; store it outside this host (partner agency, WORM storage).\n`,
    );
  });
}
