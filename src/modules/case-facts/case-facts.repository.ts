import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import { type Actor, staticallyHiddenFields } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import type { PersonField, Relation } from "../policy/policy.rules.ts";
import { caseScope, mayIdentify, relationToCase } from "../policy/policy.sql.ts";
import type { CaseFactsTables, FactTable } from "./case-facts.tables.ts";

type Db = Kysely<Database>;
/** A fact row as read: its columns, the wrapped data key (sealed kinds) and, by id, the caller's relation. */
export type FactRow<T extends FactTable> = {
  [K in keyof CaseFactsTables[T]]: CaseFactsTables[T][K] extends { __select__: infer S }
    ? S
    : CaseFactsTables[T][K];
} & { wrapped?: string | null; may_identify?: boolean; relation?: Relation | null };
type CaseKey = { org_id: string; id: string };

const SEALED: Partial<Record<FactTable, true>> = { case_events: true, case_identifiers: true };
/** Persons' contact fields: a role that never sees them never sees a case's identifiers either. */
const CONTACT_FIELDS: readonly PersonField[] = ["phone", "email", "address"];

/**
 * The facts of `table` on cases the caller may read. Tables differ only in their own columns, so the
 * query is built over one concrete table type (`charges`) for the shared ones and read as `table`'s.
 * Identifier values are NULLed in SQL unless the caller's role sees contact fields and, for one linked
 * to a person, the caller may identify that person (consent, as for the person's own contact fields).
 */
function readable(db: Db, actor: Actor, table: FactTable, now: Date) {
  const t = table as "charges";
  let query = db
    .selectFrom(`${t} as f`)
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "f.org_id").onRef("cases.id", "=", "f.case_id"))
    .selectAll("f")
    .where(caseScope(actor, "read"));
  if (SEALED[table]) {
    query = query
      .leftJoin("data_keys as dk", (j) =>
        j.onRef("dk.org_id", "=", "f.org_id").onRef("dk.id", "=", sql.ref("f.data_key_id")),
      )
      .select("dk.wrapped");
  }
  if (table === "case_identifiers") {
    // A role that never sees persons' contact fields (an analyst) sees no identifier values at all.
    const rolesHide =
      actor.kind !== "system" && CONTACT_FIELDS.some((f) => staticallyHiddenFields(actor).has(f));
    query = query
      .leftJoin("persons as p", (j) => j.onRef("p.org_id", "=", "f.org_id").onRef("p.id", "=", "f.person_id"))
      .select(
        (rolesHide
          ? sql<boolean>`false`
          : sql<boolean>`(f.person_id is null or ${mayIdentify(actor, now, "p")})`
        ).as("may_identify"),
      );
  }
  return query;
}

function reveal<T extends FactTable>(table: T, row: Record<string, unknown>): FactRow<T> {
  // The value leaves the database only when the caller may see it.
  if (table === "case_identifiers" && !row.may_identify) return { ...row, value_enc: null } as FactRow<T>;
  return row as FactRow<T>;
}

/** All SQL over the case facts; every read carries the caller's case policy. */
export const caseFactsRepository = {
  async insert<T extends FactTable>(db: Db, table: T, row: Record<string, unknown>): Promise<void> {
    await db
      .insertInto(table as "charges")
      .values(row as never)
      .execute();
  },

  /** The facts of one case (already checked readable), oldest first; voided ones only when asked. */
  async listOfCase<T extends FactTable>(
    db: Db,
    actor: Actor,
    table: T,
    kase: CaseKey,
    options: { includeVoided: boolean; now: Date },
  ): Promise<FactRow<T>[]> {
    let query = readable(db, actor, table, options.now)
      .where("f.org_id", "=", kase.org_id)
      .where("f.case_id", "=", kase.id);
    if (!options.includeVoided) query = query.where("f.voided_at", "is", null);
    const rows = await query.orderBy("f.created_at").orderBy("f.id").limit(1000).execute();
    return rows.map((r) => reveal(table, r as Record<string, unknown>));
  },

  /** One fact the caller may read, with its relation to the case. */
  async getReadable<T extends FactTable>(
    db: Db,
    actor: Actor,
    table: T,
    id: string,
    now: Date,
  ): Promise<FactRow<T> | undefined> {
    const row = await readable(db, actor, table, now)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "f.org_id"))
      .where("f.id", "=", id)
      .executeTakeFirst();
    return row ? reveal(table, row as Record<string, unknown>) : undefined;
  },

  /** Changes a fact if it is still at `expected` (compare-and-set); undefined when stale. */
  async updateIfVersion(
    db: Db,
    table: FactTable,
    key: { org_id: string; id: string },
    expected: number,
    set: Record<string, unknown>,
  ): Promise<{ version: number } | undefined> {
    return db
      .updateTable(table as "charges")
      .set((eb) => ({ ...(set as object), version: eb("version", "+", 1) }))
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
  },

  /** A person's role in this case (undefined when the person is not on it). */
  async personRole(db: Db, kase: CaseKey, personId: string) {
    const row = await db
      .selectFrom("persons")
      .select("role")
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("id", "=", personId)
      .executeTakeFirst();
    return row?.role;
  },

  /** When the case's first event began (the earliest offense date known), or null. */
  async firstEventStart(db: Db, kase: CaseKey): Promise<string | null> {
    const row = await db
      .selectFrom("case_events")
      .select((eb) => eb.fn.min("started_on").as("first"))
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("voided_at", "is", null)
      .executeTakeFirst();
    return (row?.first as string | null | undefined) ?? null;
  },

  /** A live charge of this case. */
  charge(db: Db, kase: CaseKey, id: string) {
    return db
      .selectFrom("charges")
      .select(["id", "person_id", "filed_on"])
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("id", "=", id)
      .where("voided_at", "is", null)
      .executeTakeFirst();
  },

  /** A live adjudication of this case. */
  adjudication(db: Db, kase: CaseKey, id: string) {
    return db
      .selectFrom("adjudications")
      .select(["id", "charge_id", "outcome", "decided_on"])
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("id", "=", id)
      .where("voided_at", "is", null)
      .executeTakeFirst();
  },

  /** Is there another live row of `table` whose `column` is `value` (one adjudication per charge…)? */
  async liveTaken(
    db: Db,
    table: "adjudications" | "sentences",
    kase: CaseKey,
    column: "charge_id" | "adjudication_id",
    value: string,
    exceptId: string | null,
  ): Promise<boolean> {
    const row = await db
      .selectFrom(table as "adjudications")
      .select("id")
      .where("org_id", "=", kase.org_id)
      .where(sql.ref(column), "=", value)
      .where("voided_at", "is", null)
      .where("id", "!=", exceptId ?? "00000000-0000-0000-0000-000000000000")
      .executeTakeFirst();
    return row !== undefined;
  },
};
