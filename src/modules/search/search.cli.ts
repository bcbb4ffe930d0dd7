import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { openCaseText } from "../cases/cases.seal.ts";
import { type FieldCrypto, prepareFieldCrypto } from "../crypto/crypto.service.ts";
import { indexTexts } from "./search.index.ts";
import { searchRepository } from "./search.repository.ts";

/**
 * Re-indexes every case's free text, a page of cases per transaction (restartable: each page replaces
 * its own tokens). Audited once per run on the system chain, with the count only.
 */
export async function reindexCases(store: Store, crypto: FieldCrypto, pageSize = 500): Promise<number> {
  let after: { orgId: string; id: string } | null = null;
  let count = 0;
  for (;;) {
    const page = await searchRepository.listCasesForReindex(store.db, after, pageSize);
    if (!page.length) break;
    await store.db.transaction().execute((trx) =>
      indexTexts(
        trx,
        page.flatMap((c) => {
          const text = openCaseText(crypto, c);
          return (["title", "narrative"] as const).map((field) => ({
            orgId: c.org_id,
            caseId: c.id,
            recordType: "case" as const,
            recordId: c.id,
            field,
            text: text[field],
          }));
        }),
        crypto,
      ),
    );
    count += page.length;
    const last = page.at(-1)!;
    after = { orgId: last.org_id, id: last.id };
  }
  await recordAudit(store.db, {
    action: "search.reindex",
    outcome: "success",
    targetType: "case",
    targetIds: [],
    details: { cases: count },
  });
  return count;
}

/** `harbor search reindex`. */
export async function reindexCommand(): Promise<void> {
  const config = loadConfig();
  await withStore(async (store) => {
    const crypto = await prepareFieldCrypto(store, config);
    const count = await reindexCases(store, crypto);
    console.log(`Re-indexed the text of ${count} cases.`);
  });
}
