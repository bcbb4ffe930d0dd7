import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import { clock } from "../auth/clock.ts";
import { canonicalJson } from "./audit.chain.ts";
import { getChainHead, rowAt } from "./audit.repository.ts";
import { CHAIN_VERIFIER } from "./audit.service.ts";

/** A signed statement "the log had `seq` records ending in `rowHash`", exported off the database host. */
export interface Checkpoint {
  version: 1;
  seq: number;
  rowHash: string;
  createdAt: string;
  keyId: string;
  algorithm: "ed25519";
  signature: string;
}

/** The Ed25519 key pair signing checkpoints; it lives in a file, never in the database. */
export interface SigningKey {
  privateKey?: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

const keyIdOf = (publicKey: KeyObject) =>
  createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);

/** Loads the private key at `file`, creating a new pair (private 0600, public beside it as `.pub`) on first use. */
export function loadOrCreateSigningKey(file: string): SigningKey {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync("ed25519");
    writeFileSync(file, pair.privateKey.export({ type: "pkcs8", format: "pem" }), {
      mode: 0o600,
      flag: "wx",
    });
    writeFileSync(`${file}.pub`, pair.publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644 });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Loads a public key (PEM) for verifying checkpoints without the private key. */
export function loadPublicKey(file: string): SigningKey {
  const publicKey = createPublicKey(readFileSync(file));
  return { publicKey, keyId: keyIdOf(publicKey) };
}

const signedPart = (c: Omit<Checkpoint, "signature">) =>
  Buffer.from(
    canonicalJson({
      version: c.version,
      seq: c.seq,
      rowHash: c.rowHash,
      createdAt: c.createdAt,
      keyId: c.keyId,
      algorithm: c.algorithm,
    }),
  );

/** Signs the current chain head. */
export async function makeCheckpoint(db: Kysely<Database>, key: SigningKey): Promise<Checkpoint> {
  if (!key.privateKey) throw new Error("A checkpoint needs the private signing key.");
  const head = await getChainHead(db);
  const body = {
    version: 1 as const,
    seq: head.seq,
    rowHash: head.row_hash,
    createdAt: clock.now().toISOString(),
    keyId: key.keyId,
    algorithm: "ed25519" as const,
  };
  return { ...body, signature: sign(null, signedPart(body), key.privateKey).toString("base64") };
}

/** True when the checkpoint is well-formed and signed by `key` (a forged or edited one is false). */
export function checkpointSignatureValid(c: unknown, key: SigningKey): c is Checkpoint {
  if (!c || typeof c !== "object") return false;
  const cp = c as Checkpoint;
  if (
    cp.version !== 1 ||
    cp.algorithm !== "ed25519" ||
    !Number.isInteger(cp.seq) ||
    typeof cp.rowHash !== "string" ||
    typeof cp.signature !== "string"
  )
    return false;
  if (cp.keyId !== key.keyId) return false;
  try {
    return verify(null, signedPart(cp), key.publicKey, Buffer.from(cp.signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * Whether the log still contains the checkpointed record unchanged: the record `seq` must exist
 * with the checkpointed hash. Catches truncation (dropping the newest records and resetting the
 * head), which the chain alone cannot show. Returns null when consistent, else the problem.
 */
export async function checkAgainstCheckpoint(db: Kysely<Database>, cp: Checkpoint): Promise<string | null> {
  if (cp.seq === 0) return null;
  const row = await rowAt(db, CHAIN_VERIFIER, cp.seq);
  if (!row) return `record ${cp.seq} named by the checkpoint is missing: the log was truncated`;
  if (row.row_hash !== cp.rowHash)
    return `record ${cp.seq} differs from the checkpoint: the log was rewritten`;
  return null;
}
