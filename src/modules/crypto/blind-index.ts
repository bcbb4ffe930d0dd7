import { createHmac } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * Keyed blind indexes: an HMAC-SHA-256 of a normalized identifier under a dedicated index key (never a
 * master key), so exact-match lookups (same phone, same email) work without storing plaintext. Equal
 * values give equal tokens by design; the key keeps a stolen database from being brute-forced offline.
 */
export type BlindIndexKind = "phone" | "email" | "document";

/** Normalizes a phone number to E.164 (US default); undefined when it is not a phone number. */
export function normalizePhone(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value.trim(), "US");
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** Lower-cased, trimmed email address. */
export const normalizeEmail = (value: string): string => value.trim().toLowerCase();

/** Document numbers compare without case, spaces or dashes. */
export const normalizeDocument = (value: string): string => value.toUpperCase().replace(/[\s-]+/g, "");

const normalizers: Record<BlindIndexKind, (v: string) => string | undefined> = {
  phone: normalizePhone,
  email: normalizeEmail,
  document: normalizeDocument,
};

/**
 * The blind-index token of a value, or null when the value is empty or cannot be normalized.
 * The kind is part of the MAC input so a phone token never equals a document token.
 */
export function blindIndex(
  indexKey: Buffer,
  kind: BlindIndexKind,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  const normalized = normalizers[kind](value);
  if (!normalized) return null;
  return blindIndexOfNormalized(indexKey, kind, normalized);
}

/**
 * The token of a value its caller already normalized, for kinds with their own normalizer (a case's
 * addresses, vehicles, businesses, online accounts). Same MAC as `blindIndex`, so a phone or email
 * token made here equals the persons' one for the same value.
 */
export function blindIndexOfNormalized(indexKey: Buffer, kind: string, normalized: string): string {
  return createHmac("sha256", indexKey)
    .update(`harbor.bidx|${kind}|${normalized}`, "utf8")
    .digest("base64url");
}
