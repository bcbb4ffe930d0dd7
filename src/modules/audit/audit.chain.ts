import { createHash } from "node:crypto";

/** prev_hash of the first record. */
export const GENESIS_HASH = "0".repeat(64);

/** The hashed content of one audit record: every column except the hashes themselves. */
export interface ChainedFields {
  seq: number;
  occurredAt: string;
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetIds: string[];
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, string | number | boolean>;
}

/** JSON with object keys sorted at every depth, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** row_hash = SHA-256(canonical JSON ‖ prev_hash), hex. */
export function rowHash(fields: ChainedFields, prevHash: string): string {
  return createHash("sha256").update(canonicalJson(fields)).update(prevHash).digest("hex");
}
