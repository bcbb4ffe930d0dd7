import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Database } from "../../store/schema.ts";
import { type Actor, staticallyHiddenFields } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import type { PersonField } from "../policy/policy.rules.ts";
import { mayIdentify, maySeeImmigration, personScope } from "../policy/policy.sql.ts";
import {
  SEALED_FIELD_NAMES,
  SEALED_PERSON_FIELDS,
  type SealedColumn,
  type SealedPersonField,
} from "./persons.fields.ts";

/**
 * A person row as the caller may see it. Sealed values arrive only for fields the policy lets this
 * caller see on this row (others are not selected, or are NULLed by the SQL itself); `shown` says
 * which fields were released, so the presenter can tell "hidden" from "empty".
 */
export interface VisiblePerson {
  id: string;
  org_id: string;
  case_id: string;
  role: PersonRow["role"];
  version: number;
  sex: PersonRow["sex"];
  age_at_exploitation: number | null;
  race_ethnicity: PersonRow["race_ethnicity"];
  citizenship_country: string | null;
  /** Selected only when the immigration group is not statically hidden; NULLed by 1367 and consent. */
  visa_category?: PersonRow["visa_category"];
  means_of_control: PersonRow["means_of_control"];
  exploitation_types: PersonRow["exploitation_types"];
  industry: PersonRow["industry"];
  recruitment: PersonRow["recruitment"];
  citizenship: "us_citizen" | "lawful_permanent_resident" | "foreign_national" | "unknown";
  created_at: Date;
  data_key_id: string;
  wrapped: string | null;
  may_identify: boolean;
  may_immigration: boolean;
  protected_1367: boolean | null;
  sealed: Partial<Record<SealedPersonField, string | null>>;
  /** Fields the caller's role and organization type may ever see. */
  staticallyShown: Set<PersonField>;
}

type PersonRow = Selectable<Database["persons"]>;
const ATTRIBUTES = [
  "p.version",
  "p.sex",
  "p.age_at_exploitation",
  "p.race_ethnicity",
  "p.citizenship_country",
  "p.means_of_control",
  "p.exploitation_types",
  "p.industry",
  "p.recruitment",
] as const;

type RawRow = Omit<VisiblePerson, "sealed" | "staticallyShown"> & Record<string, unknown>;

const IMMIGRATION: readonly PersonField[] = ["immigrationStatus", "protected1367"];

function visiblePersons(db: Kysely<Database>, actor: Actor, now: Date) {
  const hidden = actor.kind === "system" ? new Set<PersonField>() : staticallyHiddenFields(actor);
  const inner = db
    .selectFrom("persons")
    .selectAll("persons")
    .select(mayIdentify(actor, now).as("may_identify"))
    .select(maySeeImmigration(actor, now).as("may_immigration"))
    .where(personScope(actor, "read"))
    .as("p");
  let query = db
    .selectFrom(inner)
    .leftJoin("data_keys as dk", (join) =>
      join.onRef("dk.org_id", "=", "p.org_id").onRef("dk.id", "=", "p.data_key_id"),
    )
    .select(["p.id", "p.org_id", "p.case_id", "p.role", "p.citizenship", "p.created_at", "p.data_key_id"])
    .select(["dk.wrapped", "p.may_identify", "p.may_immigration"])
    .select(ATTRIBUTES);
  if (!hidden.has("visaCategory")) {
    query = query.select(
      sql<PersonRow["visa_category"]>`case when p.may_immigration then p.visa_category end`.as(
        "visa_category",
      ),
    );
  }
  // Static hiding: the column is not selected at all. Row hiding (consent, 1367): NULLed in SQL.
  for (const field of SEALED_FIELD_NAMES) {
    if (hidden.has(field)) continue;
    const gate = IMMIGRATION.includes(field) ? "p.may_immigration" : "p.may_identify";
    const column = `${SEALED_PERSON_FIELDS[field]}_enc`;
    query = query.select(
      sql<string | null>`case when ${sql.ref(gate)} then ${sql.ref(`p.${column}`)} end`.as(column),
    );
  }
  if (!hidden.has("protected1367")) {
    query = query.select(
      sql<boolean | null>`case when p.may_immigration then p.protected_1367 end`.as("protected_1367"),
    );
  }
  const shown = new Set<PersonField>(
    (
      [
        "givenName",
        "familyName",
        "dateOfBirth",
        "phone",
        "email",
        "address",
        "immigrationStatus",
        "visaCategory",
        "protected1367",
      ] as const
    ).filter((f) => !hidden.has(f)),
  );
  return { query, shown };
}

function toVisible(raw: RawRow, shown: Set<PersonField>): VisiblePerson {
  const sealed: Partial<Record<SealedPersonField, string | null>> = {};
  for (const field of SEALED_FIELD_NAMES) {
    const column = `${SEALED_PERSON_FIELDS[field]}_enc`;
    if (column in raw) sealed[field] = (raw[column] as string | null) ?? null;
  }
  return {
    id: raw.id,
    org_id: raw.org_id,
    case_id: raw.case_id,
    role: raw.role,
    version: raw.version,
    sex: raw.sex,
    age_at_exploitation: raw.age_at_exploitation,
    race_ethnicity: raw.race_ethnicity,
    citizenship_country: raw.citizenship_country,
    ...("visa_category" in raw ? { visa_category: raw.visa_category as PersonRow["visa_category"] } : {}),
    means_of_control: raw.means_of_control,
    exploitation_types: raw.exploitation_types,
    industry: raw.industry,
    recruitment: raw.recruitment,
    citizenship: raw.citizenship,
    created_at: raw.created_at,
    data_key_id: raw.data_key_id,
    wrapped: raw.wrapped,
    may_identify: raw.may_identify,
    may_immigration: raw.may_immigration,
    protected_1367: "protected_1367" in raw ? (raw.protected_1367 as boolean | null) : null,
    sealed,
    staticallyShown: shown,
  };
}

/** The row to insert: sealed values and blind indexes only, never plaintext identifiers. */
export interface NewPersonRow {
  id: string;
  orgId: string;
  caseId: string;
  role: VisiblePerson["role"];
  citizenship: VisiblePerson["citizenship"];
  protected1367: boolean;
  dataKeyId: string;
  sealed: Record<SealedPersonField, string | null>;
  phoneBidx: string | null;
  emailBidx: string | null;
  createdBy: string | null;
  attributes?: PersonAttributes;
}

/** The plain attribute columns of a person. */
export type PersonAttributes = Partial<
  Pick<
    Insertable<Database["persons"]>,
    | "sex"
    | "age_at_exploitation"
    | "race_ethnicity"
    | "citizenship_country"
    | "visa_category"
    | "means_of_control"
    | "exploitation_types"
    | "industry"
    | "recruitment"
  >
>;

/** Columns a person update may set. */
export type PersonChanges = PersonAttributes &
  Partial<
    Pick<
      Updateable<Database["persons"]>,
      "role" | "citizenship" | "protected_1367" | "phone_bidx" | "email_bidx"
    >
  > &
  Partial<Record<`${SealedColumn}_enc`, string | null>>;

/** All SQL over persons. Every read carries the caller's compiled policy (rows and fields). */
export const personsRepository = {
  /** Inserts a person (the service checked the caller may add persons to the case). */
  async insert(db: Kysely<Database>, row: NewPersonRow) {
    await db
      .insertInto("persons")
      .values({
        id: row.id,
        org_id: row.orgId,
        case_id: row.caseId,
        role: row.role,
        citizenship: row.citizenship,
        protected_1367: row.protected1367,
        data_key_id: row.dataKeyId,
        given_name_enc: row.sealed.givenName,
        family_name_enc: row.sealed.familyName,
        date_of_birth_enc: row.sealed.dateOfBirth,
        phone_enc: row.sealed.phone,
        email_enc: row.sealed.email,
        address_enc: row.sealed.address,
        immigration_status_enc: row.sealed.immigrationStatus,
        phone_bidx: row.phoneBidx,
        email_bidx: row.emailBidx,
        created_by: row.createdBy,
        ...row.attributes,
      })
      .execute();
  },

  /** Applies changes only at `expected` (one statement: one winner among concurrent edits). */
  async updateIfVersion(
    db: Kysely<Database>,
    person: { org_id: string; id: string },
    expected: number,
    changes: PersonChanges,
  ): Promise<number | undefined> {
    const row = await db
      .updateTable("persons")
      .set({ ...changes, version: sql<number>`version + 1` })
      .where("org_id", "=", person.org_id)
      .where("id", "=", person.id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
    return row?.version;
  },

  /** The committed version of a person (for the 412). */
  async currentVersion(db: Kysely<Database>, person: { org_id: string; id: string }) {
    const row = await db
      .selectFrom("persons")
      .select("version")
      .where("org_id", "=", person.org_id)
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    return row.version;
  },

  /** One person the caller may read, or undefined (missing and out of scope look the same). */
  async getReadable(
    db: Kysely<Database>,
    actor: Actor,
    id: string,
    now: Date,
  ): Promise<VisiblePerson | undefined> {
    const { query, shown } = visiblePersons(db, actor, now);
    const raw = (await query
      .where(await ownerOrgsScope(db, actor, "p.org_id"))
      .where("p.id", "=", id)
      .executeTakeFirst()) as RawRow | undefined;
    return raw && toVisible(raw, shown);
  },

  /** The persons of a case (of its owning organization) the caller may read, oldest first. */
  async listReadableInCase(
    db: Kysely<Database>,
    actor: Actor,
    kase: { orgId: string; id: string },
    now: Date,
  ): Promise<VisiblePerson[]> {
    const { query, shown } = visiblePersons(db, actor, now);
    const rows = (await query
      .where("p.org_id", "=", kase.orgId)
      .where("p.case_id", "=", kase.id)
      .orderBy("p.created_at")
      .orderBy("p.id")
      .execute()) as RawRow[];
    return rows.map((r) => toVisible(r, shown));
  },

  /**
   * Persons matching a blind-index token, among those whose identity the caller may see: a search
   * must not confirm an identifier the caller could not read (no consent, no match).
   */
  async findByBlindIndex(
    db: Kysely<Database>,
    actor: Actor,
    column: "phone_bidx" | "email_bidx",
    token: string,
    now: Date,
  ): Promise<VisiblePerson[]> {
    const { query, shown } = visiblePersons(db, actor, now);
    const rows = (await query
      .where(await ownerOrgsScope(db, actor, "p.org_id"))
      .where(sql.ref(`p.${column}`), "=", token)
      .where("p.may_identify", "=", true)
      .orderBy("p.created_at")
      .limit(100)
      .execute()) as RawRow[];
    return rows.map((r) => toVisible(r, shown));
  },
};
