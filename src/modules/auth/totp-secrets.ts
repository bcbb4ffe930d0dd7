import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import {
  type FieldCrypto,
  fieldCryptoOf,
  openStoredRecord,
  prepareFieldCrypto,
  sealRecord,
} from "../crypto/crypto.service.ts";

/**
 * TOTP secrets are sealed at rest with the crypto module's envelope encryption (a data key per
 * user, wrapped by the master key, bound to `users.totp_secret` of that row), so a database copy
 * does not give away anyone's second factor.
 */
export async function sealTotpSecret(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  user: { id: string; orgId: string },
  secret: string,
) {
  const { dataKeyId, sealed } = await sealRecord(
    db,
    crypto,
    { table: "users", rowId: user.id, orgId: user.orgId },
    { totp_secret: secret },
  );
  return { totp_secret: sealed.totp_secret as string, totp_data_key_id: dataKeyId };
}

/** The clear TOTP secret of a user row (null when none). */
export async function openTotpSecret(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  user: { id: string; org_id: string; totp_secret: string | null; totp_data_key_id: string | null },
): Promise<string | null> {
  if (!user.totp_secret || !user.totp_data_key_id) return null;
  const opened = await openStoredRecord(
    db,
    crypto,
    { table: "users", rowId: user.id, orgId: user.org_id, dataKeyId: user.totp_data_key_id },
    { totp_secret: user.totp_secret },
  );
  return opened?.totp_secret ?? null;
}

/** The store's field crypto; prepared on demand for the CLI and tests that run without start-up tasks. */
export async function cryptoFor(
  store: Store,
  config: Parameters<typeof prepareFieldCrypto>[1],
): Promise<FieldCrypto> {
  try {
    return fieldCryptoOf(store);
  } catch {
    return prepareFieldCrypto(store, config);
  }
}
