/**
 * One audited action. No personal data values: ids and codes only (CJIS AU-3(3)). Written in the
 * same transaction as the action it records, so an action without its audit record cannot commit.
 */
export interface AuditEventInput {
  /** e.g. "auth.login", "auth.mfa", "person.read_identifying", "case.create", "user.disable". */
  action: string;
  outcome: "success" | "failure" | "denied";
  /** The acting user (undefined for anonymous attempts or the system). */
  actorUserId?: string;
  actorOrgId?: string;
  /** What was acted on: kind and id, e.g. { type: "person", id }. */
  targetType?: string;
  targetIds?: string[];
  clientAddress?: string;
  requestId?: string;
  /** Extra non-identifying facts (reason codes, counts). Never names, dates of birth, phones... */
  details?: Record<string, string | number | boolean>;
}
