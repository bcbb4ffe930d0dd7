import { type RawBuilder, sql } from "kysely";
import { type Actor, administersAccounts, allowedRelations, readsAudit } from "./policy.engine.ts";
import {
  type AccountAction,
  type CaseAction,
  CONSENT_GATED_OWNER_TYPES,
  CONSENT_GATED_PERSON_ROLES,
  type ConsentAction,
  ORG_TYPE_RULES,
  type PersonAction,
  type Relation,
} from "./policy.rules.ts";

/**
 * The policy compiled into SQL. Repositories put these fragments in the WHERE clause and select list
 * of every query, so a row the caller may not see is never read from the database at all. Every value
 * is a bound parameter; column references are fixed strings. Only `SystemContext` compiles to `true`.
 */

const ACCESS_OF: Partial<Record<Relation, "read" | "write">> = { shared_write: "write", shared_read: "read" };

/** Is the caller's org related to the case (owner column, case id column) by one of these relations? */
function related(
  orgId: string,
  relations: Relation[],
  ownerColumn: string,
  caseIdColumn: string,
): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (relations.includes("owner")) parts.push(sql<boolean>`${sql.ref(ownerColumn)} = ${orgId}`);
  const access = relations.map((r) => ACCESS_OF[r]).filter((a) => a !== undefined);
  if (access.length) {
    // Correlated on org_id too: the share lives with its case, so on Citus this stays on the case's node.
    parts.push(sql<boolean>`exists (select 1 from case_shares cs where cs.org_id = ${sql.ref(ownerColumn)}
      and cs.case_id = ${sql.ref(caseIdColumn)} and cs.recipient_org_id = ${orgId} and cs.access in (${sql.join(access)}))`);
  }
  // Deny by default: no grant compiles to a predicate no row satisfies.
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
}

/** WHERE fragment: cases the actor may do `action` on. */
export function caseScope(actor: Actor, action: CaseAction): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  return related(actor.orgId, allowedRelations(actor, "case", action), "cases.org_id", "cases.id");
}

/** WHERE fragment: persons the actor may do `action` on (through their case). */
export function personScope(actor: Actor, action: PersonAction, alias = "persons"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  return related(
    actor.orgId,
    allowedRelations(actor, "person", action),
    `${alias}.org_id`,
    `${alias}.case_id`,
  );
}

/** WHERE fragment: consents the actor may do `action` on (consents belong to the person's owner). */
export function consentScope(actor: Actor, action: ConsentAction, alias = "consents"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  return related(
    actor.orgId,
    allowedRelations(actor, "consent", action),
    `${alias}.org_id`,
    `${alias}.case_id`,
  );
}

/** Select fragment: the caller's relation to a case ('owner' | 'shared_write' | 'shared_read' | null). */
export function relationToCase(
  actor: Actor,
  ownerColumn: string,
  caseIdColumn: string,
): RawBuilder<Relation | null> {
  if (actor.kind === "system") return sql<Relation>`'owner'`;
  return sql<Relation | null>`case when ${sql.ref(ownerColumn)} = ${actor.orgId} then 'owner' else
    (select case when cs.access = 'write' then 'shared_write' else 'shared_read' end from case_shares cs
      where cs.org_id = ${sql.ref(ownerColumn)} and cs.case_id = ${sql.ref(caseIdColumn)}
      and cs.recipient_org_id = ${actor.orgId}) end`;
}

/**
 * Select fragment, per person row: may the caller see this person's identity? Its own organization's
 * persons, non-victims, and victims of owners outside the VAWA-gated types: yes. A gated owner's
 * victim: only under a consent naming the caller's org and its purpose, unrevoked and unexpired
 * at `now` (so revocation and expiry take effect on the very next query).
 */
export function mayIdentify(actor: Actor, now: Date, alias = "persons"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  const purpose = ORG_TYPE_RULES[actor.orgType].consentPurpose;
  const p = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`(${p("org_id")} = ${actor.orgId}
    or ${p("role")} not in (${sql.join(CONSENT_GATED_PERSON_ROLES)})
    or (select o.type from orgs o where o.id = ${p("org_id")}) not in (${sql.join(CONSENT_GATED_OWNER_TYPES)})
    or exists (select 1 from consents c where c.org_id = ${p("org_id")} and c.person_id = ${p("id")}
      and c.recipient_org_id = ${actor.orgId}
      and c.purpose = ${purpose} and c.revoked_at is null and c.expires_at > ${now}))`;
}

/** Select fragment, per person row: may the caller see immigration details (identity rule + 1367)? */
export function maySeeImmigration(actor: Actor, now: Date, alias = "persons"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  const identify = mayIdentify(actor, now, alias);
  if (!ORG_TYPE_RULES[actor.orgType].excludedBy1367) return identify;
  return sql<boolean>`(${identify} and not ${sql.ref(`${alias}.protected_1367`)})`;
}

/**
 * WHERE fragment over `users`: the accounts the actor may `manage` (an admin: its organization's,
 * every organization's from the host organization), `read` (those and its own) or act on as `self`.
 */
export function userScope(actor: Actor, action: AccountAction, alias = "users"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  const parts: RawBuilder<boolean>[] = [];
  if (action !== "self" && administersAccounts(actor)) {
    parts.push(sql<boolean>`(${sql.ref(`${alias}.org_id`)} = ${actor.orgId}
      or exists (select 1 from orgs host where host.id = ${actor.orgId} and host.host))`);
  }
  if (action !== "manage") parts.push(sql<boolean>`${sql.ref(`${alias}.id`)} = ${actor.userId}`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
}

/** WHERE fragment over `audit_events`: an audit reader's own organization's records. */
export function auditScope(actor: Actor, alias = "audit_events"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`true`;
  if (!readsAudit(actor)) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(`${alias}.org_id`)} = ${actor.orgId}`;
}

/**
 * WHERE fragment over `orgs`: every organization, for any signed-in user (the repository selects
 * only id, name, type and the host flag: what choosing a partner needs).
 */
export function orgScope(_actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`true`;
}

/**
 * WHERE fragment over `users`: the caller's colleagues, i.e. the enabled users of the caller's own
 * organization, for any signed-in user (assigning work and forming a case team need them; the
 * repository selects only id and e-mail).
 */
export function colleagueScope(actor: Actor, alias = "users"): RawBuilder<boolean> {
  if (actor.kind === "system") return sql<boolean>`${sql.ref(`${alias}.disabled_at`)} is null`;
  return sql<boolean>`(${sql.ref(`${alias}.org_id`)} = ${actor.orgId} and ${sql.ref(`${alias}.disabled_at`)} is null)`;
}
