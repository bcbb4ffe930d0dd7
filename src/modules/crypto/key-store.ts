import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { type Config, ConfigError } from "../../config.ts";
import type { MasterKey } from "./envelope.ts";

/**
 * Where master keys come from. `HARBOR_MASTER_KEY` (for PostgreSQL deployments and any key manager
 * that injects environment variables) holds `id:base64` entries separated by commas, newest first, or
 * one bare base64 key. Otherwise Harbor keeps a key file in `<dataDir>/keys/master-keys.json` (folder
 * 0700, file 0600): outside `<dataDir>/db`, so a copy of the database folder alone holds no key.
 */
export interface KeyRing {
  /** The key new data keys are wrapped with. */
  current: MasterKey;
  /** Every key that may still unwrap (current first). */
  keys: MasterKey[];
  /** Finds a key by id, re-reading the key source once if it is unknown (another process rotated). */
  get(id: string): MasterKey | undefined;
  /** Where the keys come from, for people ("environment" or the key file path). */
  source: string;
  /**
   * Re-reads the key file when it changed (another process rotated), so new data keys are wrapped
   * under the newest master key without a restart. A no-op for keys from the environment.
   */
  refresh(): void;
}

/** Raised for a master key that is missing or malformed; the message never contains key material. */
export class KeyConfigError extends ConfigError {}

interface KeyFile {
  version: 1;
  current: string;
  keys: { id: string; key: string; createdAt: string }[];
}

/** The key file path of a data folder. */
export const keyFilePath = (dataDir: string) => path.join(dataDir, "keys", "master-keys.json");

function decodeKey(text: string, label: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new KeyConfigError(`${label} must be base64 of 32 random bytes.`);
  return key;
}

const fingerprintId = (key: Buffer) =>
  `k${createHash("sha256").update("harbor.kek-id|").update(key).digest("hex").slice(0, 12)}`;

/** Parses HARBOR_MASTER_KEY: `id:base64[,id:base64...]` (first is current) or one bare base64 key. */
export function parseMasterKeyEnv(value: string): MasterKey[] {
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) throw new KeyConfigError("HARBOR_MASTER_KEY is empty.");
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(":");
    if (colon < 0) {
      const key = decodeKey(entry, `HARBOR_MASTER_KEY entry ${i + 1}`);
      return { id: fingerprintId(key), key };
    }
    const id = entry.slice(0, colon);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new KeyConfigError(`HARBOR_MASTER_KEY entry ${i + 1} has a bad id.`);
    return { id, key: decodeKey(entry.slice(colon + 1), `HARBOR_MASTER_KEY entry ${i + 1}`) };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new KeyConfigError("HARBOR_MASTER_KEY repeats a key id.");
  return keys;
}

function readKeyFile(file: string): MasterKey[] {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as KeyFile;
  const keys = parsed.keys.map((k) => ({ id: k.id, key: decodeKey(k.key, `Key ${k.id} in ${file}`) }));
  const current = keys.find((k) => k.id === parsed.current);
  if (!current) throw new KeyConfigError(`The key file ${file} names no current key.`);
  return [current, ...keys.filter((k) => k.id !== current.id)];
}

function writeKeyFileAtomically(file: string, content: KeyFile, replace: boolean): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(file), 0o700);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  try {
    // link() fails when the file exists: two processes starting together cannot both create a key.
    if (replace) renameSync(temp, file);
    else linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

const newKeyId = () =>
  `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}${randomBytes(3).toString("hex")}`;

/** Creates the key file with one fresh key unless it exists; returns its keys (current first). */
export function ensureKeyFile(dataDir: string): MasterKey[] {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) {
    const id = newKeyId();
    const content: KeyFile = {
      version: 1,
      current: id,
      keys: [{ id, key: randomBytes(32).toString("base64"), createdAt: new Date().toISOString() }],
    };
    try {
      writeKeyFileAtomically(file, content, false);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readKeyFile(file);
}

/** Adds a fresh key to the key file and makes it current (old keys stay, so they still unwrap). */
export function addKeyToFile(dataDir: string): MasterKey {
  const file = keyFilePath(dataDir);
  const content = JSON.parse(readFileSync(file, "utf8")) as KeyFile;
  const id = newKeyId();
  const key = randomBytes(32);
  content.keys.push({ id, key: key.toString("base64"), createdAt: new Date().toISOString() });
  content.current = id;
  writeKeyFileAtomically(file, content, true);
  return { id, key };
}

function ringOf(load: () => MasterKey[], source: string, changedAt: () => string = () => ""): KeyRing {
  let loadedAt = changedAt();
  let keys = load();
  const reload = () => {
    loadedAt = changedAt();
    keys = load();
    ring.keys = keys;
    ring.current = keys[0]!;
  };
  const ring: KeyRing = {
    current: keys[0]!,
    keys,
    source,
    get(id) {
      if (!keys.some((k) => k.id === id)) reload();
      return keys.find((k) => k.id === id);
    },
    refresh() {
      if (changedAt() !== loadedAt) reload();
    },
  };
  return ring;
}

/**
 * The master keys as configured: the environment when set, else the data folder's key file (created).
 * With a PostgreSQL server (DATABASE_URL) the key must come from the environment: a key file on one
 * app host would leave every other host, and any restore elsewhere, unable to decrypt.
 */
export function loadKeyRing(
  config: Pick<Config, "HARBOR_MASTER_KEY" | "dataDir"> & { DATABASE_URL?: string | undefined },
): KeyRing {
  const fromEnv = config.HARBOR_MASTER_KEY;
  if (fromEnv) return ringOf(() => parseMasterKeyEnv(fromEnv), "environment (HARBOR_MASTER_KEY)");
  if (config.DATABASE_URL) {
    throw new KeyConfigError(
      "HARBOR_MASTER_KEY is required with DATABASE_URL (base64 of 32 random bytes, or id:base64).",
    );
  }
  const file = keyFilePath(config.dataDir);
  return ringOf(
    () => ensureKeyFile(config.dataDir),
    file,
    // Rotation replaces the file (rename), so its inode changes even within one millisecond.
    () => {
      if (!existsSync(file)) return "";
      const st = statSync(file);
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    },
  );
}
