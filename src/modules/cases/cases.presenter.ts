import type { AuthContext } from "../auth/auth.context.ts";
import { can } from "../policy/policy.engine.ts";
import type { VisibleCase } from "./cases.repository.ts";

/** A case as the API returns it, with what the caller may do (the UI hides the rest; the server decides). */
export interface CaseView {
  id: string;
  orgId: string;
  title: string;
  status: "open" | "closed";
  createdAt: string;
  relation: "owner" | "shared_write" | "shared_read";
  permissions: {
    addPerson: boolean;
    share: boolean;
    readConsents: boolean;
    recordConsent: boolean;
    revokeConsent: boolean;
  };
}

/** Allow-list presenter for a case row. */
export function presentCase(row: VisibleCase, auth: AuthContext): CaseView {
  const relation = row.relation ?? "shared_read";
  return {
    id: row.id,
    orgId: row.org_id,
    title: row.title,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    relation,
    permissions: {
      addPerson: can(auth, "case", "add_person", relation),
      share: can(auth, "case", "share", relation),
      readConsents: can(auth, "consent", "read", relation),
      recordConsent: can(auth, "consent", "record", relation),
      revokeConsent: can(auth, "consent", "revoke", relation),
    },
  };
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
