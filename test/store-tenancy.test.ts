import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import type { Store } from "../src/store/store.ts";
import { COORDINATOR_TABLES, GLOBAL_TABLES, ORG_TABLES, TABLES_WITH_TRIGGERS } from "../src/store/tenancy.ts";
import { describeEachStore, openMigrated } from "./support/stores.ts";

/**
 * The distribution rules of src/store/tenancy.ts, read from the live catalog after every migration,
 * so CI checks on PostgreSQL and PGlite what Citus would refuse (or, worse, accept while losing a
 * uniqueness it cannot enforce).
 */

interface Column {
  table: string;
  column: string;
  notNull: boolean;
}
interface UniqueIndex {
  table: string;
  name: string;
  /** Column names of the key; null for an expression (such as lower(email)). */
  columns: (string | null)[];
  primary: boolean;
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

async function catalog(store: Store) {
  const tables = (
    await sql<{
      name: string;
    }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(store.db)
  ).rows.map((r) => r.name);
  const columns = (
    await sql<Column>`select c.relname as table, a.attname as column, a.attnotnull as "notNull"
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')`.execute(
      store.db,
    )
  ).rows;
  const uniques = (
    await sql<{ table: string; name: string; columns: (string | null)[]; primary: boolean }>`
      select t.relname as table, i.relname as name, x.indisprimary as primary,
        array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, ord)
          left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
          where k.ord <= x.indnkeyatts order by k.ord) as columns
      from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and x.indisunique`.execute(store.db)
  ).rows as UniqueIndex[];
  const foreignKeys = (
    await sql<ForeignKey>`select t.relname as table, con.conname as name, r.relname as "refTable",
        array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) as columns,
        array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = r.oid and a.attnum = k.attnum order by k.ord) as "refColumns"
      from pg_constraint con join pg_class t on t.oid = con.conrelid join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and con.contype = 'f'`.execute(store.db)
  ).rows;
  const triggers = (
    await sql<{ table: string; name: string }>`select c.relname as table, t.tgname as name from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and not t.tgisinternal`.execute(store.db)
  ).rows;
  return { tables, columns, uniques, foreignKeys, triggers };
}

const orgTables = new Set<string>(ORG_TABLES);
const globalTables = new Set<string>(Object.keys(GLOBAL_TABLES));

describeEachStore("every table follows the distribution rules (src/store/tenancy.ts)", (backend) => {
  let store: Store;
  let cat: Awaited<ReturnType<typeof catalog>>;
  before(async () => {
    store = await openMigrated(backend);
    cat = await catalog(store);
  });
  after(() => store.close());

  test("each table is declared organization-scoped, global or coordinator-local, and each declared table exists", () => {
    const declared = new Set<string>([...orgTables, ...globalTables, ...COORDINATOR_TABLES]);
    assert.deepEqual(
      cat.tables.filter((t) => !declared.has(t)),
      [],
      "undeclared tables: add them to tenancy.ts",
    );
    assert.deepEqual(
      [...declared].filter((t) => !cat.tables.includes(t)),
      [],
      "declared tables missing from the schema",
    );
  });

  test("organization-scoped tables: org_id is NOT NULL", () => {
    const bad = ORG_TABLES.filter(
      (t) => !cat.columns.some((c) => c.table === t && c.column === "org_id" && c.notNull),
    );
    assert.deepEqual(bad, []);
  });

  test("organization-scoped tables: the primary key and every unique constraint or index include org_id", () => {
    const primaryless = ORG_TABLES.filter((t) => !cat.uniques.some((u) => u.table === t && u.primary));
    assert.deepEqual(primaryless, [], "tables without a primary key");
    const bad = cat.uniques
      .filter((u) => orgTables.has(u.table) && !u.columns.includes("org_id"))
      .map((u) => `${u.table}.${u.name} (${u.columns.map((c) => c ?? "expression").join(", ")})`);
    assert.deepEqual(bad, []);
  });

  test("foreign keys between organization-scoped tables pair org_id with org_id", () => {
    const bad = cat.foreignKeys
      .filter((fk) => orgTables.has(fk.table) && orgTables.has(fk.refTable))
      .filter((fk) => {
        const i = fk.columns.indexOf("org_id");
        return i < 0 || fk.refColumns[i] !== "org_id";
      })
      .map((fk) => `${fk.table}.${fk.name} → ${fk.refTable}`);
    assert.deepEqual(bad, []);
  });

  test("global tables never point at organization-scoped ones", () => {
    const bad = cat.foreignKeys
      .filter((fk) => globalTables.has(fk.table) && orgTables.has(fk.refTable))
      .map((fk) => `${fk.table}.${fk.name} → ${fk.refTable}`);
    assert.deepEqual(bad, []);
  });

  test("only the declared tables carry triggers", () => {
    const bad = cat.triggers
      .filter((t) => !(t.table in TABLES_WITH_TRIGGERS))
      .map((t) => `${t.table}.${t.name}`);
    assert.deepEqual(bad, []);
  });
});
