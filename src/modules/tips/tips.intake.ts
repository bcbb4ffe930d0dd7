import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Config } from "../../config.ts";
import { AppError, unavailable } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { executeTogether } from "../../store/together.ts";
import { type AuditEventInput, auditHeadLock, auditWrites, recordAudit } from "../audit/audit.service.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { dataKeyWrite, fieldCryptoOf, sealNewRecord } from "../crypto/crypto.service.ts";
import { FORBIDDEN, guarded, type RequestMeta } from "../policy/access.ts";
import { evaluateFacts } from "../routing/routing.service.ts";
import {
  type IndexTextInput,
  indexText,
  newRecordIndexWrite,
  searchKeyRead,
} from "../search/search.index.ts";
import { HHS_CLOCK_MS, TIPS_TABLE } from "./tips.presenter.ts";
import { tipsRepository } from "./tips.repository.ts";
import type { SubmitTipReq } from "./tips.schema.ts";
import { priorityOf, screenTip } from "./tips.screening.ts";
import { canTip } from "./tips.service.ts";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 10 random Crockford base32 characters (50 bits), grouped XXXXX-XXXXX for reading aloud. */
export function newReceipt(): string {
  const bytes = randomBytes(10);
  let out = "";
  for (const b of bytes) out += CROCKFORD[b & 31];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}
export const receiptHash = (receipt: string) =>
  createHash("sha256")
    .update(`harbor.tip-receipt|${receipt.replace(/-/g, "").toUpperCase()}`)
    .digest("hex");

/** Who submits: a signed-in user or partner token, or nobody (the public form). */
export interface Submitter {
  auth?: AuthContext;
  meta: RequestMeta;
}

/** The organization that receives anonymous tips: HARBOR_TIP_ORG, else the installation's host. */
async function publicTipOrg(db: Kysely<Database>, config: Pick<Config, "HARBOR_TIP_ORG">) {
  const row = await tipsRepository.publicTipOrgQuery(db, config.HARBOR_TIP_ORG).executeTakeFirst();
  if (!row)
    throw unavailable(
      "Public tips are not accepted yet: no intake organization is configured.",
      "no_tip_org",
    );
  return row.id;
}

/**
 * Takes a tip in: screened, routed (the engine's recommendations kept with it), free text sealed,
 * audited, and the 24-hour HHS clock started for a possible foreign national minor. One transaction.
 *
 * On the embedded store every statement costs a fixed exchange with the one backend, so the usual tip
 * takes two: one read (its organization's audit chain head, locked; its search key; that a configured
 * intake organization exists) and one write (the data key, the tip, its tokens, the audit record and
 * the head's move, as CTEs of one statement). Sealing runs before the transaction opens. The first tip
 * of a chain or of a search index, or one for a missing organization, takes the general path (each
 * module's own writes), which creates the head or key, or refuses.
 */
export async function submitTip(
  store: Store,
  config: Pick<Config, "HARBOR_TIP_ORG">,
  who: Submitter,
  input: SubmitTipReq,
): Promise<{ id: string; receipt: string }> {
  const { auth } = who;
  if (auth && !canTip(auth, "submit")) {
    return guarded(
      store.db,
      { auth, meta: who.meta },
      { action: "tip.submit", targetType: "tip", targetIds: [] },
      async (): Promise<{ id: string; receipt: string } | typeof FORBIDDEN> => FORBIDDEN,
    );
  }
  // A configured intake organization is checked to exist by the transaction's first read.
  const configured = auth ? undefined : config.HARBOR_TIP_ORG;
  const orgId = auth ? auth.orgId : (configured ?? (await publicTipOrg(store.db, config)));
  const crypto = fieldCryptoOf(store);
  const facts = input.facts ?? {};
  const screening = screenTip(input.screening ?? {}, facts);
  const recommendations = evaluateFacts(facts).recommendations.map((r) => ({
    orgId: r.orgId,
    action: r.action,
    priority: r.priority,
    rules: r.rules,
  }));
  const receivedAt = clock.now();
  const id = randomUUID();
  const receipt = newReceipt();
  const channel = !auth ? "public" : auth.via === "token" ? "partner" : "hotline";
  const record = sealNewRecord(
    crypto,
    { table: TIPS_TABLE, rowId: id, orgId },
    {
      narrative: input.narrative,
      reporterName: input.reporter?.name,
      reporterPhone: input.reporter?.phone,
      reporterEmail: input.reporter?.email,
      city: input.location?.city,
    },
  );
  const row: Parameters<typeof tipsRepository.insert>[1] = {
    org_id: orgId,
    id,
    receipt_hash: receiptHash(receipt),
    channel,
    data_key_id: record.dataKeyId,
    narrative_enc: record.sealed.narrative as string,
    reporter_name_enc: record.sealed.reporterName,
    reporter_phone_enc: record.sealed.reporterPhone,
    reporter_email_enc: record.sealed.reporterEmail,
    city_enc: record.sealed.city,
    state: input.location?.state ?? facts.location?.state ?? null,
    country: input.location?.country ?? null,
    facts,
    screening: {
      indicators: input.screening?.indicators ?? [],
      answers: input.screening?.answers ?? {},
      score: screening.score,
    },
    screening_level: screening.level,
    screening_drivers: screening.drivers,
    recommendations,
    priority: priorityOf(screening),
    hhs_due_at: screening.foreignMinor ? new Date(receivedAt.getTime() + HHS_CLOCK_MS) : null,
    received_at: receivedAt,
    created_by: auth?.userId ?? null,
  };
  const index: IndexTextInput = {
    orgId,
    caseId: null,
    recordType: "tip",
    recordId: id,
    field: "narrative",
    text: input.narrative,
  };
  const event: AuditEventInput = {
    action: "tip.submit",
    outcome: "success",
    // An anonymous tip is recorded in the receiving organization's chain, with no actor.
    actorOrgId: orgId,
    ...(auth ? { actorUserId: auth.userId } : {}),
    targetType: "tip",
    targetIds: [id],
    ...(who.meta.clientAddress ? { clientAddress: who.meta.clientAddress } : {}),
    ...(who.meta.requestId ? { requestId: who.meta.requestId } : {}),
    details: { channel, level: screening.level, hhsClock: screening.foreignMinor },
  };
  await store.db.transaction().execute(async (trx) => {
    const reads = await tipsRepository.intakeReads(trx, {
      head: auditHeadLock(trx, event),
      key: searchKeyRead(trx, orgId),
      ...(configured ? { org: tipsRepository.publicTipOrgQuery(trx, configured) } : {}),
    });
    if (reads?.search_key) {
      const tokens = newRecordIndexWrite(trx, index, reads.search_key);
      await executeTogether(trx, [
        dataKeyWrite(trx, record),
        ...(tokens ? [tokens] : []),
        ...auditWrites(trx, reads, event),
        tipsRepository.insertQuery(trx, row),
      ]);
      return;
    }
    if (configured) await publicTipOrg(trx, config);
    await dataKeyWrite(trx, record).execute();
    await tipsRepository.insert(trx, row);
    await indexText(trx, index);
    await recordAudit(trx, event);
  });
  return { id, receipt };
}

/** The status behind a receipt, and nothing else; 404 for an unknown receipt. */
export async function receiptStatus(store: Store, receipt: string) {
  const row = await tipsRepository.statusByReceipt(store.db, receiptHash(receipt));
  if (!row) throw new AppError(404, "not_found", "No tip has this receipt.");
  return { status: row.status };
}
