import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

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

const listFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/security/common-passwords.txt",
);
let common: Set<string> | undefined;

/** The shipped list of common and breached passwords, lower-cased (ASVS 6.2.4 / 6.2.12). */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(listFile, "utf8")
      .split("\n")
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith("#")),
  );
  return common;
}

/** Why a new password is refused, or null when it is acceptable. No composition rules (ASVS 6.2.5). */
export function passwordProblem(
  password: string,
): "password_too_short" | "password_too_long" | "password_common" | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password_too_short";
  if (length > PASSWORD_MAX) return "password_too_long";
  if (commonPasswords().has(password.toLowerCase())) return "password_common";
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
