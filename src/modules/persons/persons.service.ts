import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { caseForAction } from "../cases/cases.service.ts";
import { blindIndex, normalizePhone } from "../crypto/blind-index.ts";
import { type FieldCrypto, fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can, staticallyHiddenFields } from "../policy/policy.engine.ts";
import { PERSONS_TABLE, type SealedPersonField } from "./persons.fields.ts";
import { type PersonView, presentPerson } from "./persons.presenter.ts";
import { personsRepository, type VisiblePerson } from "./persons.repository.ts";
import type { AddPersonReq } from "./persons.schema.ts";

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
  if (input.phone !== undefined && !normalizePhone(input.phone))
    throw badRequest("body.phone: is not a phone number");
  const crypto = fieldCryptoOf(store);
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "person.create", targetType: "case", targetIds: [caseId] },
    async (trx) => {
      const kase = await caseForAction(trx, caller.auth, caseId, "read");
      if (!kase) return HIDDEN;
      if (!can(caller.auth, "case", "add_person", kase.relation)) return FORBIDDEN;
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
        caseId,
        role: input.role,
        citizenship: input.citizenship,
        protected1367: input.protected1367,
        dataKeyId,
        sealed,
        phoneBidx: blindIndex(crypto.indexKey, "phone", input.phone),
        emailBidx: blindIndex(crypto.indexKey, "email", input.email),
        createdBy: caller.auth.userId,
      });
      await audit(trx, caller, {
        action: "person.create",
        outcome: "success",
        targetType: "person",
        targetIds: [id],
        details: { caseId },
      });
      return { id };
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

// MERGE: case-record provides this (Contract 1, persons.service.ts addPersonInTransaction). Stand-in: a
// person with codes only (role, citizenship), every identifying field empty but sealed like the real one.
export async function addPersonInTransaction(
  trx: Kysely<Database>,
  auth: AuthContext,
  kase: { id: string; org_id: string },
  input: {
    role: "victim";
    citizenship: "us_citizen" | "lawful_permanent_resident" | "foreign_national" | "unknown";
  },
  crypto: FieldCrypto,
): Promise<{ id: string; org_id: string }> {
  const id = randomUUID();
  const { dataKeyId } = await sealRecord(
    trx,
    crypto,
    { table: PERSONS_TABLE, rowId: id, orgId: kase.org_id },
    {},
  );
  await personsRepository.insert(trx, {
    id,
    orgId: kase.org_id,
    caseId: kase.id,
    role: input.role,
    citizenship: input.citizenship,
    protected1367: false,
    dataKeyId,
    sealed: {
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      phone: null,
      email: null,
      address: null,
      immigrationStatus: null,
    },
    phoneBidx: null,
    emailBidx: null,
    createdBy: auth.userId,
  });
  await recordAudit(trx, {
    action: "person.create",
    outcome: "success",
    actorUserId: auth.userId,
    actorOrgId: auth.orgId,
    targetType: "person",
    targetIds: [id],
    details: { caseId: kase.id },
  });
  return { id, org_id: kase.org_id };
}
