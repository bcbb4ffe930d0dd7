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
import { SYSTEM_ORG } from "../../store/tenancy.ts";
import { clock } from "../auth/clock.ts";
import { canonicalJson } from "./audit.chain.ts";
import { type HeadLeaf, headsRoot } from "./audit.merkle.ts";
import { chainHeads, rowAt } from "./audit.repository.ts";
import { CHAIN_VERIFIER } from "./audit.service.ts";

/**
 * A signed statement "each organization's chain had `seq` records ending in `rowHash`", exported off
 * the database host. The signature covers the Merkle root over every head, so one checkpoint pins
 * every chain. Version 1 (one chain, before per-organization chains) pinned what is now the system
 * chain; such files still verify.
 */
export type Checkpoint = CheckpointV2 | CheckpointV1;

export interface CheckpointV2 {
  version: 2;
  heads: HeadLeaf[];
  root: string;
  createdAt: string;
  keyId: string;
  algorithm: "ed25519";
  signature: string;
}

interface CheckpointV1 {
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

function signedPart(c: Checkpoint): Buffer {
  const common = { version: c.version, createdAt: c.createdAt, keyId: c.keyId, algorithm: c.algorithm };
  return Buffer.from(
    canonicalJson(
      c.version === 1 ? { ...common, seq: c.seq, rowHash: c.rowHash } : { ...common, root: c.root },
    ),
  );
}

/** The heads a checkpoint pins (a version 1 checkpoint pins the system chain). */
export function pinnedHeads(c: Checkpoint): HeadLeaf[] {
  return c.version === 1 ? [{ orgId: SYSTEM_ORG, seq: c.seq, rowHash: c.rowHash }] : c.heads;
}

/** Signs every chain's current head. */
export async function makeCheckpoint(db: Kysely<Database>, key: SigningKey): Promise<CheckpointV2> {
  if (!key.privateKey) throw new Error("A checkpoint needs the private signing key.");
  const heads = (await chainHeads(db, CHAIN_VERIFIER)).map((h) => ({
    orgId: h.org_id,
    seq: h.seq,
    rowHash: h.row_hash,
  }));
  const body = {
    version: 2 as const,
    heads,
    root: headsRoot(heads),
    createdAt: clock.now().toISOString(),
    keyId: key.keyId,
    algorithm: "ed25519" as const,
  };
  return {
    ...body,
    signature: sign(null, signedPart({ ...body, signature: "" }), key.privateKey).toString("base64"),
  };
}

const isHead = (h: unknown): h is HeadLeaf =>
  !!h &&
  typeof h === "object" &&
  typeof (h as HeadLeaf).orgId === "string" &&
  Number.isInteger((h as HeadLeaf).seq) &&
  typeof (h as HeadLeaf).rowHash === "string";

function wellFormed(c: unknown): c is Checkpoint {
  if (!c || typeof c !== "object") return false;
  const cp = c as Checkpoint;
  if (cp.algorithm !== "ed25519" || typeof cp.signature !== "string" || typeof cp.keyId !== "string")
    return false;
  if (cp.version === 1) return Number.isInteger(cp.seq) && typeof cp.rowHash === "string";
  if (cp.version !== 2 || !Array.isArray(cp.heads) || !cp.heads.every(isHead)) return false;
  // The listed heads must be exactly the ones the signed root commits to.
  return new Set(cp.heads.map((h) => h.orgId)).size === cp.heads.length && headsRoot(cp.heads) === cp.root;
}

/** True when the checkpoint is well-formed and signed by `key` (a forged or edited one is false). */
export function checkpointSignatureValid(c: unknown, key: SigningKey): c is Checkpoint {
  if (!wellFormed(c) || c.keyId !== key.keyId) return false;
  try {
    return verify(null, signedPart(c), key.publicKey, Buffer.from(c.signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * Whether every chain still contains its checkpointed record unchanged: record `seq` of each pinned
 * chain must exist with the checkpointed hash. Catches truncation (dropping the newest records and
 * resetting the head), which a chain alone cannot show, and a dropped chain. Returns null when
 * consistent, else the problem.
 */
export async function checkAgainstCheckpoint(db: Kysely<Database>, cp: Checkpoint): Promise<string | null> {
  for (const head of pinnedHeads(cp)) {
    if (head.seq === 0) continue;
    const row = await rowAt(db, CHAIN_VERIFIER, head.orgId, head.seq);
    const chain = head.orgId === SYSTEM_ORG ? "the system chain" : `the chain of ${head.orgId}`;
    if (!row)
      return `record ${head.seq} of ${chain} named by the checkpoint is missing: the log was truncated`;
    if (row.row_hash !== head.rowHash)
      return `record ${head.seq} of ${chain} differs from the checkpoint: the log was rewritten`;
  }
  return null;
}
