import { createHash } from "node:crypto";
import { canonicalJson } from "./audit.chain.ts";

/** One chain's head as a checkpoint commits to it. */
export interface HeadLeaf {
  orgId: string;
  seq: number;
  rowHash: string;
}

const sha256 = (...parts: Buffer[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

const leafHash = (leaf: HeadLeaf) =>
  sha256(
    Buffer.from([0]),
    Buffer.from(canonicalJson({ orgId: leaf.orgId, seq: leaf.seq, rowHash: leaf.rowHash })),
  );

function treeHash(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return sha256(Buffer.from([1]), treeHash(leaves.slice(0, split)), treeHash(leaves.slice(split)));
}

/**
 * The Merkle tree hash (RFC 6962 §2.1: leaves and nodes domain-separated, split at the largest power
 * of two) over every chain head, in organization order, hex. One signature over it covers every
 * organization's chain.
 */
export function headsRoot(heads: HeadLeaf[]): string {
  const sorted = [...heads].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
  return treeHash(sorted.map(leafHash)).toString("hex");
}
