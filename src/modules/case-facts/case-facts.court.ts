import type { Kysely } from "kysely";
import { badRequest, conflict } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { CaseKey, FactKind } from "./case-facts.kind.ts";
import { commonView } from "./case-facts.presenter.ts";
import { caseFactsRepository as repo } from "./case-facts.repository.ts";
import { CONVICTIONS, checkNibrsMatchesStatute, notBefore } from "./case-facts.rules.ts";
import type {
  AdjudicationInput,
  AdjudicationViewT,
  ArrestInput,
  ArrestViewT,
  ChargeInput,
  ChargeViewT,
  SentenceInput,
  SentenceViewT,
} from "./case-facts.schema.ts";
import type { CaseFactsTables } from "./case-facts.tables.ts";

type Row<T extends keyof CaseFactsTables> = {
  [K in keyof CaseFactsTables[T]]: CaseFactsTables[T][K] extends { __select__: infer S }
    ? S
    : CaseFactsTables[T][K];
};
const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Charges and arrests are about a suspect of this very case (HTRS's suspect records). */
async function mustBeSuspect(trx: Kysely<Database>, kase: CaseKey, personId: string) {
  if ((await repo.personRole(trx, kase, personId)) !== "suspect")
    throw badRequest("body.personId: must be a suspect on this case");
}

export const charges: FactKind<ChargeInput, ChargeViewT> = {
  name: "charge",
  auditName: "charge",
  table: "charges",
  plural: "charges",
  sealedFields: [],
  async prepare(trx, { kase }, input) {
    await mustBeSuspect(trx, kase, input.personId);
    checkNibrsMatchesStatute(input.statute, input.nibrsCode);
    notBefore("filedOn", input.filedOn, await repo.firstEventStart(trx, kase), "the case's first event");
    return {
      plain: {
        person_id: input.personId,
        statute: input.statute,
        nibrs_code: input.nibrsCode,
        jurisdiction: input.jurisdiction,
        filed_on: nul(input.filedOn),
      },
    };
  },
  toInput(r) {
    const row = r as unknown as Row<"charges">;
    return {
      personId: row.person_id,
      statute: row.statute,
      nibrsCode: row.nibrs_code,
      jurisdiction: row.jurisdiction,
      filedOn: row.filed_on,
    };
  },
  present(r) {
    return {
      ...commonView(r),
      ...charges.toInput(r, {}),
      filedOn: (r as unknown as Row<"charges">).filed_on,
    };
  },
  details: (input) => ({ nibrsCode: input.nibrsCode, jurisdiction: input.jurisdiction }),
  async beforeVoid(trx, row) {
    const kase = { org_id: row.org_id, id: row.case_id };
    if (await repo.liveTaken(trx, "adjudications", kase, "charge_id", row.id, null))
      throw conflict("This charge has an adjudication: void the adjudication first.", "has_dependents");
  },
};

export const arrests: FactKind<ArrestInput, ArrestViewT> = {
  name: "arrest",
  auditName: "arrest",
  table: "arrests",
  plural: "arrests",
  sealedFields: [],
  async prepare(trx, { kase }, input) {
    await mustBeSuspect(trx, kase, input.personId);
    notBefore(
      "arrestedOn",
      input.arrestedOn,
      await repo.firstEventStart(trx, kase),
      "the case's first event",
    );
    return {
      plain: { person_id: input.personId, arrested_on: input.arrestedOn, agency_type: input.agencyType },
    };
  },
  toInput(r) {
    const row = r as unknown as Row<"arrests">;
    return { personId: row.person_id, arrestedOn: row.arrested_on, agencyType: row.agency_type };
  },
  present(r) {
    return { ...commonView(r), ...arrests.toInput(r, {}) };
  },
  details: (input) => ({ agencyType: input.agencyType }),
};

export const adjudications: FactKind<AdjudicationInput, AdjudicationViewT> = {
  name: "adjudication",
  auditName: "adjudication",
  table: "adjudications",
  plural: "adjudications",
  sealedFields: [],
  async prepare(trx, { kase, id, existing }, input) {
    const charge = await repo.charge(trx, kase, input.chargeId);
    if (!charge) throw badRequest("body.chargeId: must be a charge on this case");
    if (await repo.liveTaken(trx, "adjudications", kase, "charge_id", input.chargeId, existing ? id : null))
      throw badRequest("body.chargeId: this charge already has an adjudication (edit or void it)");
    notBefore("decidedOn", input.decidedOn, charge.filed_on, "the day the charge was filed");
    if (
      existing &&
      !(CONVICTIONS as readonly string[]).includes(input.outcome) &&
      (await repo.liveTaken(trx, "sentences", kase, "adjudication_id", id, null))
    )
      throw badRequest("body.outcome: a sentence follows this adjudication; void the sentence first");
    return { plain: { charge_id: input.chargeId, outcome: input.outcome, decided_on: nul(input.decidedOn) } };
  },
  toInput(r) {
    const row = r as unknown as Row<"adjudications">;
    return { chargeId: row.charge_id, outcome: row.outcome, decidedOn: row.decided_on };
  },
  present(r) {
    return {
      ...commonView(r),
      ...adjudications.toInput(r, {}),
      decidedOn: (r as unknown as Row<"adjudications">).decided_on,
    };
  },
  details: (input) => ({ outcome: input.outcome }),
  async beforeVoid(trx, row) {
    const kase = { org_id: row.org_id, id: row.case_id };
    if (await repo.liveTaken(trx, "sentences", kase, "adjudication_id", row.id, null))
      throw conflict("This adjudication has a sentence: void the sentence first.", "has_dependents");
  },
};

export const sentences: FactKind<SentenceInput, SentenceViewT> = {
  name: "sentence",
  auditName: "sentence",
  table: "sentences",
  plural: "sentences",
  sealedFields: [],
  async prepare(trx, { kase, id, existing }, input) {
    const adjudication = await repo.adjudication(trx, kase, input.adjudicationId);
    if (!adjudication) throw badRequest("body.adjudicationId: must be an adjudication on this case");
    if (!(CONVICTIONS as readonly string[]).includes(adjudication.outcome))
      throw badRequest(
        `body.adjudicationId: a sentence follows a conviction or a guilty plea, not "${adjudication.outcome}"`,
      );
    if (
      await repo.liveTaken(
        trx,
        "sentences",
        kase,
        "adjudication_id",
        input.adjudicationId,
        existing ? id : null,
      )
    )
      throw badRequest("body.adjudicationId: this adjudication already has a sentence (edit or void it)");
    notBefore("sentencedOn", input.sentencedOn, adjudication.decided_on, "the adjudication");
    return {
      plain: {
        adjudication_id: input.adjudicationId,
        prison_months: nul(input.prisonMonths),
        probation_months: nul(input.probationMonths),
        restitution_cents: nul(input.restitutionCents),
        sentenced_on: nul(input.sentencedOn),
      },
    };
  },
  toInput(r) {
    const row = r as unknown as Row<"sentences">;
    return {
      adjudicationId: row.adjudication_id,
      prisonMonths: row.prison_months,
      probationMonths: row.probation_months,
      restitutionCents: row.restitution_cents,
      sentencedOn: row.sentenced_on,
    };
  },
  present(r) {
    const v = sentences.toInput(r, {});
    return {
      ...commonView(r),
      adjudicationId: v.adjudicationId,
      prisonMonths: v.prisonMonths ?? null,
      probationMonths: v.probationMonths ?? null,
      restitutionCents: v.restitutionCents ?? null,
      sentencedOn: v.sentencedOn ?? null,
    };
  },
  details: (input) => ({ hasPrison: input.prisonMonths != null }),
};
