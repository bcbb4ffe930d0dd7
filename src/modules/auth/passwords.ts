import { readFileSync } from "node:fs";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { fromRoot } from "../../paths.ts";

/** `Algorithm.Argon2id` (a const enum, not importable as a value under verbatimModuleSyntax). */
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id with OWASP's recommended parameters (m = 19 MiB, t = 2, p = 1). Used everywhere,
 * tests included: one hash costs a few tens of milliseconds.
 */
export const ARGON2_PARAMS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** ASVS 6.2.1 / 6.2.9: at least 8; anything up to this is accepted whole (never truncated). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

const lists = new Map<string, Set<string>>();

/** A shipped word list, lower-cased, loaded once (lines starting with # are comments). */
function wordList(name: string): Set<string> {
  let words = lists.get(name);
  if (!words) {
    words = new Set(
      readFileSync(fromRoot("data", "security", name), "utf8")
        .split("\n")
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith("#")),
    );
    lists.set(name, words);
  }
  return words;
}

/** The shipped list of common passwords and their usual variants (ASVS 6.2.4). */
export const commonPasswords = () => wordList("common-passwords.txt");
/** The shipped list of breached passwords (ASVS 6.2.12; see the file's header for its source). */
export const breachedPasswords = () => wordList("breached-passwords.txt");

export type PasswordProblem =
  | "password_too_short"
  | "password_too_long"
  | "password_common"
  | "password_breached"
  | "password_context";

/** Letters and digits only, lower-cased, without trailing digits: "Harbor-2026!" → "harbor". */
const stem = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "")
    .replace(/\d+$/, "");

/**
 * Why a new password is refused, or null when it is acceptable (ASVS 5.0 6.2): at least 8
 * characters, any length up to 1,024 accepted whole, no composition rules, not on the common or
 * breached lists, and not merely a context word (ASVS 6.2.11: "harbor", the user's email or its
 * name part, the organization's id) with punctuation or digits around it.
 */
export function passwordProblem(password: string, context: readonly string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password_too_short";
  if (length > PASSWORD_MAX) return "password_too_long";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "password_common";
  if (breachedPasswords().has(lower)) return "password_breached";
  const stemmed = stem(password);
  const words = ["harbor", ...context.flatMap((c) => [c, c.split("@")[0] ?? ""])].map(stem).filter(Boolean);
  if (words.includes(stemmed)) return "password_context";
  return null;
}

/** argon2id PHC string of the whole password (no truncation: argon2 takes any length). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash. With no hash (unknown email, disabled account) it
 * verifies against a dummy hash of the same cost, so both answers take about the same time.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await dummyHash(), password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** What a password is verified against when there is no usable account: a hash of the same cost. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomDummy());
  return dummy;
}

function randomDummy(): string {
  return `dummy-${Math.random().toString(36)}-${Date.now()}`;
}
