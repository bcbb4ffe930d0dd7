import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { ReliefRecord } from "./relief.eligibility.ts";
import type { ReliefRow } from "./relief.repository.ts";

export const RELIEF_TABLE = "relief_applications";

/** An application as the API returns it (allow-list). */
export interface ApplicationView {
  id: string;
  personId: string;
  caseId: string;
  type: ReliefRow["type"];
  status: ReliefRow["status"];
  filedOn: string | null;
  decidedOn: string | null;
  expiresOn: string | null;
  extended: boolean;
  receiptNumber: string | null;
  documents: string[];
  filedByOrgId: string;
  filedByUserId: string | null;
  version: number;
}

const day = (d: unknown) =>
  d == null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

/** The dates and state the eligibility rules read. */
export function toRecord(r: ReliefRow): ReliefRecord {
  return {
    type: r.type,
    status: r.status,
    filedOn: day(r.filed_on),
    decidedOn: day(r.decided_on),
    expiresOn: day(r.expires_on),
    extended: r.extended,
  };
}

export function presentApplication(r: ReliefRow, crypto: FieldCrypto): ApplicationView {
  const opened =
    r.wrapped && r.receipt_number_enc
      ? openRecord<"receiptNumber">(
          crypto,
          { table: RELIEF_TABLE, rowId: r.id, dataKeyId: r.data_key_id, wrapped: r.wrapped },
          { receiptNumber: r.receipt_number_enc },
        )
      : {};
  return {
    id: r.id,
    personId: r.person_id,
    caseId: r.case_id,
    type: r.type,
    status: r.status,
    filedOn: day(r.filed_on),
    decidedOn: day(r.decided_on),
    expiresOn: day(r.expires_on),
    extended: r.extended,
    receiptNumber: opened.receiptNumber ?? null,
    documents: Array.isArray(r.documents) ? r.documents : JSON.parse(String(r.documents ?? "[]")),
    filedByOrgId: r.filed_by_org_id,
    filedByUserId: r.filed_by_user_id,
    version: r.version,
  };
}
