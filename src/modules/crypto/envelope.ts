import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Envelope encryption, pure functions (no I/O). Each record gets its own random 256-bit data key (DEK);
 * fields are sealed with AES-256-GCM under the DEK, and the DEK is wrapped (AES-256-GCM again) by a
 * master key (KEK) named by its id. Associated data binds every ciphertext to where it belongs, so a
 * value copied to another row, column or table fails authentication instead of decrypting.
 */

/** A master key-encryption key and its id (the id is stored with every key it wraps). */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Where a sealed field lives: the associated data of its ciphertext. */
export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
}

/** What a wrapped data key belongs to: the associated data of the wrap. */
export interface DataKeyOwner {
  dataKeyId: string;
  ownerTable: string;
  ownerId: string;
}

const FIELD_PREFIX = "hf1.";
const WRAP_PREFIX = "hk1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised when a ciphertext does not authenticate (tampered, moved, or under an unknown key). */
export class DecryptionError extends Error {
  constructor(message = "The encrypted value does not authenticate.") {
    super(message);
  }
}

/** A fresh random 256-bit data key. */
export const generateDataKey = (): Buffer => randomBytes(32);

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  // A random 96-bit nonce per encryption: with one key per record, nonce reuse is out of reach.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, packed: Buffer, aad: string): Buffer {
  if (packed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError("The encrypted value is truncated.");
  const decipher = createDecipheriv("aes-256-gcm", key, packed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

const fieldAad = (at: FieldLocation) => `harbor.field|${at.table}|${at.column}|${at.rowId}`;
const wrapAad = (owner: DataKeyOwner, kekId: string) =>
  `harbor.dek|${owner.dataKeyId}|${owner.ownerTable}|${owner.ownerId}|${kekId}`;

/** Seals one field value under a record's data key, bound to table, column and row. */
export function encryptField(dataKey: Buffer, at: FieldLocation, plaintext: string): string {
  return FIELD_PREFIX + seal(dataKey, Buffer.from(plaintext, "utf8"), fieldAad(at)).toString("base64url");
}

/** Opens a sealed field; throws DecryptionError when it was altered or belongs elsewhere. */
export function decryptField(dataKey: Buffer, at: FieldLocation, sealed: string): string {
  if (!sealed.startsWith(FIELD_PREFIX)) throw new DecryptionError("Not a Harbor encrypted field.");
  return open(dataKey, Buffer.from(sealed.slice(FIELD_PREFIX.length), "base64url"), fieldAad(at)).toString(
    "utf8",
  );
}

const blobAad = (at: FieldLocation) => `harbor.blob|${at.table}|${at.column}|${at.rowId}`;

/** Seals binary content (an attachment) under its own key, bound to table, column and row. */
export function encryptBlob(key: Buffer, at: FieldLocation, plaintext: Buffer): Buffer {
  return seal(key, plaintext, blobAad(at));
}

/** Opens sealed binary content; throws DecryptionError when it was altered or belongs elsewhere. */
export function decryptBlob(key: Buffer, at: FieldLocation, sealed: Buffer): Buffer {
  return open(key, sealed, blobAad(at));
}

/** Wraps a data key under a master key; the result names the master key's id. */
export function wrapDataKey(master: MasterKey, owner: DataKeyOwner, dataKey: Buffer): string {
  return `${WRAP_PREFIX}${master.id}.${seal(master.key, dataKey, wrapAad(owner, master.id)).toString("base64url")}`;
}

/** The master key id a wrapped data key was wrapped with. */
export function wrappedKeyId(wrapped: string): string {
  if (!wrapped.startsWith(WRAP_PREFIX)) throw new DecryptionError("Not a Harbor wrapped key.");
  const dot = wrapped.indexOf(".", WRAP_PREFIX.length);
  if (dot < 0) throw new DecryptionError("Not a Harbor wrapped key.");
  return wrapped.slice(WRAP_PREFIX.length, dot);
}

/** Unwraps a data key with whichever master key wrapped it (looked up by id). */
export function unwrapDataKey(
  lookup: (kekId: string) => MasterKey | undefined,
  owner: DataKeyOwner,
  wrapped: string,
): Buffer {
  const kekId = wrappedKeyId(wrapped);
  const master = lookup(kekId);
  if (!master) throw new DecryptionError(`Master key ${kekId} is not available.`);
  const body = wrapped.slice(WRAP_PREFIX.length + kekId.length + 1);
  const key = open(master.key, Buffer.from(body, "base64url"), wrapAad(owner, kekId));
  if (key.length !== 32) throw new DecryptionError("A wrapped data key has the wrong length.");
  return key;
}
