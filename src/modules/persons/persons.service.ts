import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest, forbidden } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext, SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { sealWithKey } from "../cases/cases.seal.ts";
import { caseForAction, recordCaseActivity } from "../cases/cases.service.ts";
import { blindIndex, normalizePhone } from "../crypto/blind-index.ts";
import { type FieldCrypto, fieldCryptoOf, openRecord, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can, staticallyHiddenFields } from "../policy/policy.engine.ts";
import { ORG_TYPE_RULES, type Relation } from "../policy/policy.rules.ts";
import {
  PERSONS_TABLE,
  SEALED_FIELD_NAMES,
  SEALED_PERSON_FIELDS,
  type SealedPersonField,
} from "./persons.fields.ts";
import { type PersonView, presentPerson } from "./persons.presenter.ts";
import {
  type PersonAttributes,
  type PersonChanges,
  personsRepository,
  type VisiblePerson,
} from "./persons.repository.ts";
import type { AddPersonReq, UpdatePersonReq } from "./persons.schema.ts";

export type { VisiblePerson };

/** The persons of a case (of its owning organization) the caller may read, for the cases module, inside its transaction. */
export function personsInCase(
  db: Kysely<Database>,
  auth: AuthContext,
  kase: { orgId: string; id: string },
  now: Date,
) {
  return personsRepository.listReadableInCase(db, auth, kase, now);
}

/** One person the caller may read (undefined otherwise), for the consents module, inside its transaction. */
export function readablePerson(db: Kysely<Database>, auth: AuthContext, id: string, now: Date) {
  return personsRepository.getReadable(db, auth, id, now);
}

/** The named context under which statistics open identities for record linkage (never for a response). */
const LINKAGE: SystemContext = { kind: "system", reason: "stats.linkage" };

/**
 * Given name, family name and date of birth of persons a caller's scoped query already chose, opened
 * for record linkage inside a statistics service (MSE): never returned, never logged. Opened under a
 * named system context because a statistician's role sees no identity; which persons is the caller's
 * policy's choice (the ids), and the result is only ever reduced to counts.
 */
export async function identitiesForLinkage(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  persons: ReadonlyArray<{ id: string; caseId: string; orgId: string }>,
  now: Date,
): Promise<Map<string, { givenName?: string; familyName?: string; dateOfBirth?: string }>> {
  const wanted = new Set(persons.map((p) => p.id));
  const cases = new Map(persons.map((p) => [`${p.orgId}/${p.caseId}`, { orgId: p.orgId, id: p.caseId }]));
  const out = new Map<string, { givenName?: string; familyName?: string; dateOfBirth?: string }>();
  for (const kase of cases.values())
    for (const row of await personsRepository.listReadableInCase(db, LINKAGE, kase, now)) {
      if (!wanted.has(row.id) || !row.wrapped) continue;
      const opened = openRecord<SealedPersonField>(
        crypto,
        { table: PERSONS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
        {
          givenName: row.sealed.givenName,
          familyName: row.sealed.familyName,
          dateOfBirth: row.sealed.dateOfBirth,
        },
      );
      out.set(row.id, {
        ...(opened.givenName ? { givenName: opened.givenName } : {}),
        ...(opened.familyName ? { familyName: opened.familyName } : {}),
        ...(opened.dateOfBirth ? { dateOfBirth: opened.dateOfBirth } : {}),
      });
    }
  return out;
}

/** The plain attribute columns from a request (only the fields it gave). */
function attributesOf(
  input: Pick<
    UpdatePersonReq,
    | "sex"
    | "ageAtExploitation"
    | "raceEthnicity"
    | "citizenshipCountry"
    | "visaCategory"
    | "meansOfControl"
    | "exploitationTypes"
    | "industry"
    | "recruitment"
  >,
): PersonAttributes {
  const out: PersonAttributes = {};
  if (input.sex !== undefined) out.sex = input.sex;
  if (input.ageAtExploitation !== undefined) out.age_at_exploitation = input.ageAtExploitation;
  if (input.raceEthnicity !== undefined) out.race_ethnicity = input.raceEthnicity;
  if (input.citizenshipCountry !== undefined) out.citizenship_country = input.citizenshipCountry;
  if (input.visaCategory !== undefined) out.visa_category = input.visaCategory;
  if (input.meansOfControl !== undefined) out.means_of_control = [...new Set(input.meansOfControl)];
  if (input.exploitationTypes !== undefined) out.exploitation_types = [...new Set(input.exploitationTypes)];
  if (input.industry !== undefined) out.industry = input.industry;
  if (input.recruitment !== undefined) out.recruitment = input.recruitment;
  return out;
}

const IMMIGRATION_INPUTS = ["immigrationStatus", "visaCategory", "protected1367"] as const;

/**
 * 8 U.S.C. 1367: organizations excluded from protected persons' immigration details never write
 * them either, for any person: a refusal only for protected persons would reveal who is protected.
 */
function writesImmigrationForbidden(auth: AuthContext, input: Record<string, unknown>): boolean {
  const hidden = staticallyHiddenFields(auth);
  return IMMIGRATION_INPUTS.some(
    (f) =>
      input[f] !== undefined &&
      (hidden.has(f) || (ORG_TYPE_RULES[auth.orgType].excludedBy1367 && f !== "protected1367")),
  );
}

/**
 * Adds a person to a case inside the caller's transaction (for tips and the demo; Contract 1):
 * checks `add_person` on the case, seals identifying fields under a fresh data key, blind-indexes
 * phone and email, audits, and writes the timeline. Input is expected validated (AddPersonBody).
 */
export async function addPersonInTransaction(
  trx: Kysely<Database>,
  who: Caller | AuthContext,
  kase: { id: string; org_id: string; relation: Relation | null },
  input: AddPersonReq,
  crypto: FieldCrypto,
): Promise<{ id: string; org_id: string }> {
  const caller: Caller = "auth" in who ? who : { auth: who, meta: {} };
  if (!can(caller.auth, "case", "add_person", kase.relation)) throw forbidden();
  if (input.phone !== undefined && !normalizePhone(input.phone))
    throw badRequest("body.phone: is not a phone number");
  if (
    input.visaCategory !== undefined &&
    writesImmigrationForbidden(caller.auth, { visaCategory: input.visaCategory })
  )
    throw forbidden("body.visaCategory: immigration details are recorded by service providers");
  const id = randomUUID();
  const plain: Record<SealedPersonField, string | undefined> = {
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth: input.dateOfBirth,
    phone: input.phone,
    email: input.email,
    address: input.address,
    immigrationStatus: input.immigrationStatus,
  };
  const { dataKeyId, sealed } = await sealRecord(
    trx,
    crypto,
    { table: PERSONS_TABLE, rowId: id, orgId: kase.org_id },
    plain,
  );
  await personsRepository.insert(trx, {
    id,
    orgId: kase.org_id,
    caseId: kase.id,
    role: input.role,
    citizenship: input.citizenship,
    protected1367: input.protected1367,
    dataKeyId,
    sealed,
    phoneBidx: blindIndex(crypto.indexKey, "phone", input.phone),
    emailBidx: blindIndex(crypto.indexKey, "email", input.email),
    createdBy: caller.auth.userId,
    attributes: attributesOf(input),
  });
  await recordCaseActivity(trx, caller.auth, kase, {
    kind: "person.added",
    ref: { type: "person", id },
    details: { role: input.role },
  });
  await audit(trx, caller, {
    action: "person.create",
    outcome: "success",
    targetType: "person",
    targetIds: [id],
    details: { caseId: kase.id },
  });
  return { id, org_id: kase.org_id };
}

/**
 * Adds a person to a case: identifying fields sealed under a fresh data key, phone and email
 * blind-indexed. The person belongs to the case's owning organization, whoever adds it.
 */
export async function addPerson(
  store: Store,
  caller: Caller,
  caseId: string,
  input: AddPersonReq,
): Promise<{ id: string }> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "person.create", targetType: "case", targetIds: [caseId] },
    async (trx) => {
      const kase = await caseForAction(trx, caller.auth, caseId, "read");
      if (!kase) return HIDDEN;
      if (!can(caller.auth, "case", "add_person", kase.relation)) return FORBIDDEN;
      const { id } = await addPersonInTransaction(trx, caller, kase, input, crypto);
      return { id };
    },
  );
}

/**
 * Edits a person from the version read (If-Match): needs `work` on the case. Fields the caller may
 * not see it may not change (identifying without consent, immigration under 1367): 403.
 */
export async function updatePerson(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: UpdatePersonReq,
): Promise<PersonView> {
  if (input.phone && !normalizePhone(input.phone)) throw badRequest("body.phone: is not a phone number");
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "person.update", targetType: "person", targetIds: [id] },
    async (trx) => {
      const row = await personsRepository.getReadable(trx, caller.auth, id, clock.now());
      if (!row) return HIDDEN;
      const kase = await caseForAction(trx, caller.auth, row.case_id, "read");
      if (!kase || !can(caller.auth, "case", "work", kase.relation)) return FORBIDDEN;
      const hidden = staticallyHiddenFields(caller.auth);
      const sealedInput = SEALED_FIELD_NAMES.filter((f) => input[f] !== undefined);
      if (
        sealedInput.some((f) => hidden.has(f) || !row.may_identify) ||
        writesImmigrationForbidden(caller.auth, input)
      )
        return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const changes: PersonChanges = attributesOf(input);
      if (input.role !== undefined) changes.role = input.role;
      if (input.citizenship !== undefined) changes.citizenship = input.citizenship;
      if (input.protected1367 !== undefined) changes.protected_1367 = input.protected1367;
      if (sealedInput.length) {
        if (!row.wrapped) return FORBIDDEN;
        // The associated data names the API field (as sealRecord did at creation).
        const sealed = sealWithKey<SealedPersonField>(
          crypto,
          { table: PERSONS_TABLE, rowId: id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
          Object.fromEntries(sealedInput.map((f) => [f, input[f] ?? null])),
        );
        for (const f of sealedInput) changes[`${SEALED_PERSON_FIELDS[f]}_enc`] = sealed[f] ?? null;
        if (input.phone !== undefined) changes.phone_bidx = blindIndex(crypto.indexKey, "phone", input.phone);
        if (input.email !== undefined) changes.email_bidx = blindIndex(crypto.indexKey, "email", input.email);
      }
      const version = await personsRepository.updateIfVersion(trx, row, expected, changes);
      if (version === undefined) throw staleVersion(await personsRepository.currentVersion(trx, row));
      const details = { fields: Object.keys(input).sort().join(",") };
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: "person.updated",
        ref: { type: "person", id },
        details,
      });
      await audit(trx, caller, {
        action: "person.update",
        outcome: "success",
        targetType: "person",
        targetIds: [id],
        details,
      });
      const updated = await personsRepository.getReadable(trx, caller.auth, id, clock.now());
      return presentPerson(updated ?? row, crypto).view;
    },
  );
}

/** One person as the caller may see them; identifying reads audited in the same transaction. */
export async function getPerson(store: Store, caller: Caller, id: string): Promise<PersonView> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "person.read", targetType: "person", targetIds: [id] },
    async (trx) => {
      const row = await personsRepository.getReadable(trx, caller.auth, id, clock.now());
      if (!row) return HIDDEN;
      const { view, identifyingShown } = presentPerson(row, crypto);
      if (identifyingShown) {
        await audit(trx, caller, {
          action: "person.read_identifying",
          outcome: "success",
          targetType: "person",
          targetIds: [id],
        });
      }
      return view;
    },
  );
}

/**
 * Exact-match search by phone or email through the blind index. Only persons whose identity the
 * caller may see can match, so a search never confirms an identifier the caller could not read.
 */
export async function findPersons(
  store: Store,
  caller: Caller,
  query: { phone?: string; email?: string },
): Promise<PersonView[]> {
  const crypto = fieldCryptoOf(store);
  const kind = query.phone !== undefined ? "phone" : "email";
  const token = blindIndex(crypto.indexKey, kind, query.phone ?? query.email);
  if (!token) throw badRequest(`query.${kind}: is not a valid ${kind}`);
  return guarded(
    store.db,
    caller,
    { action: "person.search", targetType: "person", targetIds: [] },
    async (trx) => {
      if (staticallyHiddenFields(caller.auth).has(kind)) return FORBIDDEN;
      const rows = await personsRepository.findByBlindIndex(
        trx,
        caller.auth,
        kind === "phone" ? "phone_bidx" : "email_bidx",
        token,
        clock.now(),
      );
      const views = rows.map((r) => presentPerson(r, crypto));
      await audit(trx, caller, {
        action: "person.search",
        outcome: "success",
        targetType: "person",
        targetIds: views.map((v) => v.view.id),
        details: { by: kind, matches: views.length },
      });
      return views.map((v) => v.view);
    },
  );
}
