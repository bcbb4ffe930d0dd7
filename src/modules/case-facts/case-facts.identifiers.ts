import { foldCompact, foldText } from "../../linkage/normalize-text.ts";
import { referenceData } from "../../linkage/reference-data.ts";
import type { IDENTIFIER_KINDS } from "../cases/cases.vocab.ts";
import { normalizeEmail, normalizePhone } from "../crypto/blind-index.ts";

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * An identifier as stored: `display` is what is sealed and shown, `normalized` what the blind index
 * hashes, so "(415) 555-0199" and "+1 415 555 0199" are one phone, "Ana@X.org" and "ana@x.org" one
 * e-mail. Undefined when the value is not one of its kind (the caller answers 400).
 */
export interface NormalizedIdentifier {
  display: string;
  normalized: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Street words to their USPS abbreviation, keeping units (an exact address keeps its apartment). */
function normalizeAddress(value: string): string {
  const abbreviations = referenceData().streetAbbreviations;
  return foldText(value)
    .split(" ")
    .filter((t) => t !== "")
    .map((t) => abbreviations.get(t) ?? t)
    .join(" ");
}

export function normalizeIdentifier(kind: IdentifierKind, value: string): NormalizedIdentifier | undefined {
  const display = value.trim().replace(/\s+/g, " ");
  let normalized: string | undefined;
  switch (kind) {
    case "phone":
      // E.164 (libphonenumber-js, U.S. default), as the persons' phone index: one number, one token.
      normalized = normalizePhone(display);
      return normalized ? { display: normalized, normalized } : undefined;
    case "email":
      if (!EMAIL.test(display)) return undefined;
      normalized = normalizeEmail(display);
      return { display: normalized, normalized };
    case "address":
      normalized = normalizeAddress(display);
      break;
    case "vehicle":
      // Plates and VINs compare without case, spaces or dashes.
      normalized = foldCompact(display);
      break;
    case "business":
      normalized = foldText(display);
      break;
    case "online_account":
      // Handles compare without case or a leading "@"; URLs without their scheme and trailing slash.
      normalized = display
        .toLowerCase()
        .replace(/^https?:\/\/(www\.)?/, "")
        .replace(/\/+$/, "")
        .replace(/^@/, "");
      break;
  }
  return normalized ? { display, normalized } : undefined;
}
