import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Migrator, sql } from "kysely";
import { distributeTables } from "../src/store/citus.ts";
import { migrations } from "../src/store/migrations/index.ts";
import type { Store } from "../src/store/store.ts";
import { GLOBAL_TABLES, ORG_TABLES } from "../src/store/tenancy.ts";
import { describeEachStore, openMigrated, type StoreBackend } from "./support/stores.ts";

/**
 * Citus cannot be installed here, so `harbor db migrate`'s Citus branch runs against a stand-in:
 * create_reference_table and create_distributed_table as plpgsql functions that record placements in
 * a pg_dist_partition table and refuse what Citus documents it refuses (a unique key without the
 * distribution column, a foreign key to a table not yet placed or not colocated, a trigger without
 * citus.enable_unsafe_triggers). The real cluster is the final judge; this checks the order, the
 * colocation and that a second run changes nothing.
 */
const STAND_IN = sql`
  create table pg_dist_partition (logicalrelid regclass primary key, partmethod char, colocate_with text,
    placed_at bigserial);

  create function create_reference_table(t text) returns void language plpgsql as $$
  begin
    if exists (select 1 from pg_constraint c where c.conrelid = t::regclass and c.contype = 'f'
        and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.confrelid and p.partmethod = 'n')) then
      raise exception 'reference table % points at a table that is not a reference table', t;
    end if;
    insert into pg_dist_partition (logicalrelid, partmethod) values (t::regclass, 'n');
  end $$;

  create function create_distributed_table(t text, col text, colocate_with text) returns void language plpgsql as $$
  #variable_conflict use_variable
  declare dist smallint;
  begin
    select attnum into dist from pg_attribute where attrelid = t::regclass and attname = col;
    if exists (select 1 from pg_index x where x.indrelid = t::regclass and x.indisunique
        and not (dist = any (x.indkey::smallint[]))) then
      raise exception 'Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column (%)', t;
    end if;
    -- A self-reference (a tip merged into another tip) is placed with the table itself, as on Citus.
    if exists (select 1 from pg_constraint c where c.conrelid = t::regclass and c.contype = 'f'
        and c.confrelid <> c.conrelid
        and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.confrelid)) then
      raise exception 'cannot create foreign key constraint: % points at a table not placed yet', t;
    end if;
    if exists (select 1 from pg_constraint c join pg_dist_partition p on p.logicalrelid = c.confrelid
        where c.conrelid = t::regclass and c.contype = 'f' and p.partmethod = 'h'
        and (colocate_with = 'none' or not (dist = any (c.conkey)))) then
      raise exception 'foreign keys between distributed tables need colocation on the distribution column (%)', t;
    end if;
    if exists (select 1 from pg_trigger g where g.tgrelid = t::regclass and not g.tgisinternal)
        and coalesce(current_setting('citus.enable_unsafe_triggers', true), 'off') <> 'on' then
      raise exception 'cannot distribute relation because it has triggers (%)', t;
    end if;
    insert into pg_dist_partition (logicalrelid, partmethod, colocate_with) values (t::regclass, 'h', colocate_with);
  end $$;`;

describeEachStore("the Citus branch of `harbor db migrate` (against a stand-in for Citus)", (backend) => {
  let store: Store;
  before(async () => {
    store = await openMigrated(backend);
    await STAND_IN.execute(store.db);
  });
  after(() => store.close());

  test("places reference tables first, then every organization table by org_id, colocated; a second run changes nothing", async () => {
    const placed = await distributeTables(store.db);
    assert.deepEqual(placed, [...Object.keys(GLOBAL_TABLES), ...ORG_TABLES]);
    const rows = await sql<{ name: string; partmethod: string; colocate_with: string | null }>`
      select logicalrelid::text as name, partmethod, colocate_with from pg_dist_partition order by placed_at`.execute(
      store.db,
    );
    for (const row of rows.rows) {
      if (row.name in GLOBAL_TABLES) assert.equal(row.partmethod, "n", row.name);
      else
        assert.deepEqual(
          [row.partmethod, row.colocate_with],
          ["h", row.name === "users" ? "default" : "users"],
        );
    }
    assert.deepEqual(await distributeTables(store.db), [], "idempotent");
  });
});

describeEachStore(
  "the stand-in refuses what Citus refused before the keys included org_id",
  (backend: StoreBackend) => {
    test("on the schema before 2026_12_01_0006, distributing users fails as it did on the cluster", async () => {
      const store = await backend.open();
      try {
        const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
        const result = await migrator.migrateTo("2026_11_29_0005_directory_search_es");
        assert.equal(result.error, undefined);
        await STAND_IN.execute(store.db);
        await assert.rejects(distributeTables(store.db), /UNIQUE, EXCLUDE, or PRIMARY KEY .*\(users\)/);
      } finally {
        await store.close();
      }
    });
  },
);
