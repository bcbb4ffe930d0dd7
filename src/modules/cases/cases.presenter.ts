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
