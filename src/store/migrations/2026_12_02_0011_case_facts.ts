import { type Kysely, sql } from "kysely";

/**
 * What a case is built from (Contract 1): events with their sealed places, identifiers (sealed, with a
 * blind index for exact matching), and the suspects' charges, arrests, adjudications and sentences.
 * Plain columns hold codes, dates and amounts only. Code lists are written out so the migration is fixed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  const common = sql`org_id text not null,
    id uuid not null,
    case_id text not null,
    created_by text,
    created_at timestamptz not null default now(),`;
  await run(sql`create table case_events (${common}
    kind text not null check (kind in ('recruitment','transit','exploitation')),
    data_key_id text not null,
    place_enc text,
    state text check (state in ('AL','AK','AZ','AR','CA','CO','CT','DE','DC','FL','GA','HI','ID','IL','IN','IA','KS','KY','LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ','NM','NY','NC','ND','OH','OK','OR','PA','RI','SC','SD','TN','TX','UT','VT','VA','WA','WV','WI','WY','AS','GU','MP','PR','VI')),
    country text check (country ~ '^[A-Z]{2}$'),
    started_on date,
    ended_on date,
    check (ended_on is null or started_on is null or ended_on >= started_on),
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, data_key_id) references data_keys (org_id, id))`);
  await run(sql`create table case_identifiers (${common}
    person_id text,
    kind text not null check (kind in ('phone','email','address','vehicle','business','online_account')),
    data_key_id text not null,
    value_enc text not null,
    value_bidx text not null,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, person_id) references persons (org_id, id),
    foreign key (org_id, data_key_id) references data_keys (org_id, id))`);
  await run(sql`create index case_identifiers_bidx on case_identifiers (org_id, value_bidx)`);
  await run(sql`create table charges (${common}
    person_id text not null,
    statute text not null check (statute ~ '^[A-Za-z0-9 .§()/-]{1,80}$'),
    nibrs_code text not null check (nibrs_code in ('64A','64B','40A','40B','40C','370','100','11A','13A','13B','13C','35A','26A','520','90Z')),
    jurisdiction text not null check (jurisdiction in ('federal','state','tribal')),
    filed_on date,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, person_id) references persons (org_id, id))`);
  await run(sql`create table arrests (${common}
    person_id text not null,
    arrested_on date not null,
    agency_type text not null check (agency_type in ('federal_le','state_le','local_le','tribal_le','prosecutor','service_provider','other')),
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, person_id) references persons (org_id, id))`);
  await run(sql`create table adjudications (${common}
    charge_id uuid not null,
    outcome text not null check (outcome in ('convicted','pleaded_guilty','acquitted','dismissed','pending')),
    decided_on date,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, charge_id) references charges (org_id, id))`);
  await run(sql`create table sentences (${common}
    adjudication_id uuid not null,
    prison_months integer check (prison_months between 0 and 1200),
    probation_months integer check (probation_months between 0 and 1200),
    restitution_cents bigint check (restitution_cents >= 0),
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, adjudication_id) references adjudications (org_id, id))`);
  for (const table of ["case_events", "case_identifiers", "charges", "arrests", "adjudications", "sentences"])
    await run(sql`create index ${sql.id(`${table}_case`)} on ${sql.table(table)} (org_id, case_id)`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["sentences", "adjudications", "arrests", "charges", "case_identifiers", "case_events"])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
