import { openCaseText } from "../cases/cases.seal.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import type { CaseHitRow } from "./case-search.repository.ts";

/** A case search hit as the client sees it (allow-list). */
export interface CaseHitView {
  id: string;
  orgId: string;
  title: string;
  status: "open" | "closed";
  createdAt: string;
  relation: "owner" | "shared_write" | "shared_read";
}

export function presentHit(row: CaseHitRow, crypto: FieldCrypto): CaseHitView {
  return {
    id: row.id,
    orgId: row.org_id,
    // The title only: a hit shows no narrative, so none is read or opened.
    title: openCaseText(crypto, { ...row, narrative_enc: null }).title ?? "",
    status: row.status,
    createdAt: row.created_at.toISOString(),
    relation: row.relation ?? "shared_read",
  };
}

/** A saved search as the client sees it. */
export function presentSavedSearch(row: {
  id: string;
  name: string;
  query: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}) {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
