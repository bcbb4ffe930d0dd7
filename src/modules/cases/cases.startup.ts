import type { Config } from "../../config.ts";
import type { Store } from "../../store/store.ts";
import { fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { casesRepository } from "./cases.repository.ts";
import { CASES_TABLE, type SealedCaseField } from "./cases.seal.ts";
import { indexCaseText } from "./cases.service.ts";

/**
 * Start-up task (after fieldCryptoStartupTask): seals the plaintext titles migration 0010 kept in
 * `legacy_title` (a migration has no master key), then drops that column. Batches commit one by
 * one, so an interrupted run resumes; a no-op once the column is gone.
 */
export async function sealLegacyCaseTitles(store: Store, _config: Config): Promise<void> {
  const crypto = fieldCryptoOf(store);
  for (;;) {
    const batch = await casesRepository.legacyTitles(store.db, 200);
    if (batch === undefined) return;
    if (!batch.length) break;
    await store.db.transaction().execute(async (trx) => {
      for (const row of batch) {
        const { dataKeyId, sealed } = await sealRecord<SealedCaseField>(
          trx,
          crypto,
          { table: CASES_TABLE, rowId: row.id, orgId: row.org_id },
          { title: row.legacy_title },
        );
        await casesRepository.sealLegacyTitle(trx, { ...row, dataKeyId, titleEnc: sealed.title });
        await indexCaseText(trx, row, { title: row.legacy_title });
      }
    });
  }
  await casesRepository.dropLegacyTitleColumn(store.db);
}
