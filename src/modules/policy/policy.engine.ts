import type { AuthContext, SystemContext } from "../auth/auth.context.ts";
import {
  ACCOUNT_ADMIN_ROLES,
  AUDIT_READER_ROLES,
  type CaseAction,
  type ConsentAction,
  ORG_TYPE_RULES,
  PERSON_FIELD_GROUPS,
  type PersonAction,
  type PersonField,
  type PersonFieldGroup,
  RELATIONS,
  type Relation,
  ROLE_GRANTS,
} from "./policy.rules.ts";

/** Whoever a repository acts for: a signed-in user, or the named system context (the only bypass). */
export type Actor = AuthContext | SystemContext;

type KindAction = { case: CaseAction; person: PersonAction; consent: ConsentAction };

/**
 * The relations under which the caller's roles allow an action on a kind of record: the union over
 * its roles, emptied for non-read actions when the organization type is read-only. Empty = denied.
 */
export function allowedRelations<K extends keyof KindAction>(
  auth: AuthContext,
  kind: K,
  action: KindAction[K],
): Relation[] {
  if (ORG_TYPE_RULES[auth.orgType].readOnly && action !== "read") return [];
  return RELATIONS.filter((relation) =>
    auth.roles.some((role) =>
      (ROLE_GRANTS[role][kind][relation] as readonly string[] | undefined)?.includes(action),
    ),
  );
}

/** True when the caller may do the action on a record it has this relation to (none = never). */
export function can<K extends keyof KindAction>(
  auth: AuthContext,
  kind: K,
  action: KindAction[K],
  relation: Relation | null,
): boolean {
  return relation !== null && allowedRelations(auth, kind, action).includes(relation);
}

/**
 * Person fields this caller never sees, whatever the row: groups hidden by every one of its roles
 * (a second role can only widen), plus its organization type's hidden groups, plus the 1367 flag
 * for law-enforcement and prosecutor organizations (knowing someone applied is itself protected).
 */
export function staticallyHiddenFields(auth: AuthContext): Set<PersonField> {
  const groups = new Set<PersonFieldGroup>(ORG_TYPE_RULES[auth.orgType].hiddenGroups);
  const [first, ...rest] = auth.roles;
  if (first) {
    for (const group of ROLE_GRANTS[first].hiddenGroups) {
      if (rest.every((role) => ROLE_GRANTS[role].hiddenGroups.includes(group))) groups.add(group);
    }
  }
  const hidden = new Set<PersonField>();
  for (const group of groups) for (const field of PERSON_FIELD_GROUPS[group]) hidden.add(field);
  if (ORG_TYPE_RULES[auth.orgType].excludedBy1367) hidden.add("protected1367");
  return hidden;
}

/** True when the caller's roles administer accounts (of its organization, or all from the host). */
export function administersAccounts(auth: AuthContext): boolean {
  return auth.roles.some((role) => ACCOUNT_ADMIN_ROLES.includes(role));
}

/** True when the caller's roles read its organization's audit log. */
export function readsAudit(auth: AuthContext): boolean {
  return auth.roles.some((role) => AUDIT_READER_ROLES.includes(role));
}
