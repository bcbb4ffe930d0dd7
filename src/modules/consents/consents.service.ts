import { randomUUID } from "node:crypto";
import { badRequest } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { caseForAction } from "../cases/cases.service.ts";
import { fieldCryptoOf, openRecord } from "../crypto/crypto.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { PERSONS_TABLE } from "../persons/persons.fields.ts";
import { readablePerson, type VisiblePerson } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can } from "../policy/policy.engine.ts";
import { type ConsentView, presentConsent } from "./consents.presenter.ts";
import { consentsRepository } from "./consents.repository.ts";
import type { RecordConsentReq } from "./consents.schema.ts";

function isMinor(person: VisiblePerson, store: Store, now: Date): boolean {
  const sealed = person.sealed.dateOfBirth;
  if (!sealed || !person.wrapped) return false;
  const where = {
    table: PERSONS_TABLE,
    rowId: person.id,
    dataKeyId: person.data_key_id,
    wrapped: person.wrapped,
  };
  const dob = openRecord(fieldCryptoOf(store), where, { dateOfBirth: sealed }).dateOfBirth;
  if (!dob) return false;
  const eighteenth = new Date(`${dob}T00:00:00Z`);
  eighteenth.setUTCFullYear(eighteenth.getUTCFullYear() + 18);
  return eighteenth.getTime() > now.getTime();
}

/**
 * Records a victim's consent to share identifying data with one organization for one purpose, until
 * `expiresAt`. Needs the person's owner-side `record` grant; a minor's consent needs a guardian too.
 */
export async function recordConsent(
  store: Store,
  caller: Caller,
  personId: string,
  input: RecordConsentReq,
): Promise<{ id: string }> {
  const now = clock.now();
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw badRequest("body.expiresAt: must be in the future");
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "consent.record", targetType: "person", targetIds: [personId] },
    async (trx) => {
      const person = await readablePerson(trx, caller.auth, personId, now);
      if (!person) return HIDDEN;
      const kase = await caseForAction(trx, caller.auth, person.case_id, "read");
      if (!kase || !can(caller.auth, "consent", "record", kase.relation)) return FORBIDDEN;
      if (input.recipientOrgId === person.org_id)
        throw badRequest("body.recipientOrgId: must be another organization");
      if (!(await findOrg(trx, caller.auth, input.recipientOrgId)))
        throw badRequest("body.recipientOrgId: no such organization");
      if (isMinor(person, store, now) && !input.signedBy.includes("guardian")) {
        throw badRequest("body.signedBy: a minor's consent must also be signed by a parent or guardian");
      }
      await consentsRepository.insert(trx, {
        id,
        orgId: person.org_id,
        caseId: person.case_id,
        personId,
        recipientOrgId: input.recipientOrgId,
        purpose: input.purpose,
        signedBy: input.signedBy,
        expiresAt,
        createdBy: caller.auth.userId,
      });
      await audit(trx, caller, {
        action: "consent.record",
        outcome: "success",
        targetType: "consent",
        targetIds: [id, personId],
        details: { recipientOrgId: input.recipientOrgId, purpose: input.purpose },
      });
      return { id };
    },
  );
}

/** A person's consents, for roles that may read them (others get an empty list). */
export async function listConsents(store: Store, caller: Caller, personId: string): Promise<ConsentView[]> {
  const now = clock.now();
  return guarded(
    store.db,
    caller,
    { action: "consent.list", targetType: "person", targetIds: [personId] },
    async (trx) => {
      const person = await readablePerson(trx, caller.auth, personId, now);
      if (!person) return HIDDEN;
      return (
        await consentsRepository.listForPerson(trx, caller.auth, {
          orgId: person.org_id,
          id: personId,
        })
      ).map((c) => presentConsent(c, now));
    },
  );
}

/** Revokes a consent at once: the very next query no longer honours it. */
export async function revokeConsent(store: Store, caller: Caller, id: string): Promise<ConsentView> {
  const now = clock.now();
  return guarded(
    store.db,
    caller,
    { action: "consent.revoke", targetType: "consent", targetIds: [id] },
    async (trx) => {
      const readable = await consentsRepository.getForAction(trx, caller.auth, id, "read");
      if (!readable) return HIDDEN;
      if (!(await consentsRepository.getForAction(trx, caller.auth, id, "revoke"))) return FORBIDDEN;
      await consentsRepository.revoke(trx, { orgId: readable.org_id, id }, caller.auth.userId, now);
      const row = await consentsRepository.getForAction(trx, caller.auth, id, "read");
      await audit(trx, caller, {
        action: "consent.revoke",
        outcome: "success",
        targetType: "consent",
        targetIds: [id],
      });
      return presentConsent(row!, now);
    },
  );
}
