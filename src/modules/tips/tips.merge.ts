import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { type FieldCrypto, sealRecord } from "../crypto/crypto.service.ts";
import { PERSONS_TABLE } from "../persons/persons.fields.ts";
import { personsRepository } from "../persons/persons.repository.ts";

/**
 * Stand-ins for other engineers' contracts, until the lead merges them. Each is the smallest thing that
 * keeps the tips module's behaviour honest on this branch.
 */

// MERGE: search provides this (Contract 2, search.index.ts indexText). No-op until then: tips are not
// searchable on this branch; the call sites are in place.
export async function indexText(
  _trx: Kysely<Database>,
  _entry: {
    orgId: string;
    caseId?: string;
    recordType: "tip";
    recordId: string;
    field: string;
    text: string;
  },
): Promise<void> {}

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
