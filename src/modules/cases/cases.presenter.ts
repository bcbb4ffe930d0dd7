import type { AuthContext } from "../auth/auth.context.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { can, staticallyHiddenFields } from "../policy/policy.engine.ts";
import type { VisibleCase } from "./cases.repository.ts";
import { openCaseText } from "./cases.seal.ts";

/** A case as the API returns it, with what the caller may do (the UI hides the rest; the server decides). */
export interface CaseView {
  id: string;
  orgId: string;
  title: string;
  narrative?: string | null;
  status: "open" | "closed";
  version: number;
  traffickingType: VisibleCase["trafficking_type"];
  confirmation: VisibleCase["confirmation"];
  leadAgencyType: VisibleCase["lead_agency_type"];
  investigationStartedOn: string | null;
  incidentState: string | null;
  leadUserId: string | null;
  closedAt: string | null;
  closeReason: VisibleCase["close_reason"];
  facts: Record<string, unknown>;
  createdAt: string;
  relation: "owner" | "shared_write" | "shared_read";
  permissions: {
    update: boolean;
    work: boolean;
    addPerson: boolean;
    share: boolean;
    readConsents: boolean;
    recordConsent: boolean;
    revokeConsent: boolean;
  };
}

/**
 * Allow-list presenter for a case row. The narrative holds identifying details in practice, so
 * callers that never see identifying person fields (analysts, auditors, researchers) do not get it.
 */
export function presentCase(row: VisibleCase, auth: AuthContext, crypto: FieldCrypto): CaseView {
  const relation = row.relation ?? "shared_read";
  const text = openCaseText(crypto, row);
  const view: CaseView = {
    id: row.id,
    orgId: row.org_id,
    title: text.title ?? "",
    status: row.status,
    version: row.version,
    traffickingType: row.trafficking_type,
    confirmation: row.confirmation,
    leadAgencyType: row.lead_agency_type,
    investigationStartedOn: row.investigation_started_on,
    incidentState: row.incident_state,
    leadUserId: row.lead_user_id,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    closeReason: row.close_reason,
    facts: row.facts,
    createdAt: row.created_at.toISOString(),
    relation,
    permissions: {
      update: can(auth, "case", "update", relation),
      work: can(auth, "case", "work", relation),
      addPerson: can(auth, "case", "add_person", relation),
      share: can(auth, "case", "share", relation),
      readConsents: can(auth, "consent", "read", relation),
      recordConsent: can(auth, "consent", "record", relation),
      revokeConsent: can(auth, "consent", "revoke", relation),
    },
  };
  if (!staticallyHiddenFields(auth).has("givenName")) view.narrative = text.narrative;
  return view;
}

/** A share as the API returns it. */
export function presentShare(row: {
  recipient_org_id: string;
  name: string;
  type: string;
  access: "read" | "write";
  created_at: Date;
}) {
  return {
    orgId: row.recipient_org_id,
    orgName: row.name,
    orgType: row.type,
    access: row.access,
    createdAt: row.created_at.toISOString(),
  };
}

/** One timeline entry as the client sees it. */
export function presentActivity(r: {
  id: string;
  at: Date;
  kind: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
  details: Record<string, string | number | boolean>;
}) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    actorUserId: r.actor_user_id,
    actorOrgId: r.actor_org_id,
    ref: r.ref_type && r.ref_id ? { type: r.ref_type, id: r.ref_id } : null,
    details: r.details,
  };
}
