import { type Kysely, sql } from "kysely";

/**
 * The case model (Contract 1): the incident, sealed title and narrative, a version for If-Match, the
 * lead, close reason, routing facts; the agencies involved and the team; the persons' CTDC/HTCDS
 * attributes. Code lists are written out (not imported) so this migration never changes once merged.
 *
 * The plaintext title moves to `legacy_title`: sealing needs the master key, which migrations do not
 * have, so the start-up task sealLegacyCaseTitles seals each one into title_enc and drops the column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`alter table cases rename column title to legacy_title`);
  await run(sql`alter table cases alter column legacy_title drop not null`);
  await run(sql`alter table cases
    add column data_key_id text,
    add column title_enc text,
    add column narrative_enc text,
    add column version integer not null default 1 check (version >= 1),
    add column trafficking_type text not null default 'unknown' check (trafficking_type in ('sex','labor','sex_and_labor','unknown')),
    add column confirmation text not null default 'open' check (confirmation in ('open','confirmed','confirmed_not_trafficking')),
    add column lead_agency_type text check (lead_agency_type in ('federal_le','state_le','local_le','tribal_le','prosecutor','service_provider','other')),
    add column investigation_started_on date,
    add column incident_state text check (incident_state in ('AL','AK','AZ','AR','CA','CO','CT','DE','DC','FL','GA','HI','ID','IL','IN','IA','KS','KY','LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ','NM','NY','NC','ND','OH','OK','OR','PA','RI','SC','SD','TN','TX','UT','VT','VA','WA','WV','WI','WY','AS','GU','MP','PR','VI')),
    add column lead_user_id uuid,
    add column closed_at timestamptz,
    add column close_reason text check (close_reason in ('resolved','referred_out','no_trafficking','duplicate','victim_declined','other')),
    add column facts jsonb not null default '{}',
    add constraint cases_closed_consistent check ((status = 'closed') = (closed_at is not null and close_reason is not null)),
    add constraint cases_data_key_id_fkey foreign key (org_id, data_key_id) references data_keys (org_id, id),
    add constraint cases_lead_user_id_fkey foreign key (org_id, lead_user_id) references users (org_id, id)`);
  await run(sql`create index cases_org_status on cases (org_id, status, created_at)`);

  await run(sql`create table case_agencies (
    org_id text not null,
    case_id text not null,
    id uuid not null,
    agency_type text not null check (agency_type in ('federal_le','state_le','local_le','tribal_le','prosecutor','service_provider','other')),
    directory_entry_id text,
    partner_org_id text references orgs (id),
    role text not null check (role in ('lead','involved')),
    created_by text,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`);
  await run(sql`create index case_agencies_case on case_agencies (org_id, case_id)`);

  await run(sql`create table case_team (
    org_id text not null,
    case_id text not null,
    user_id uuid not null,
    role text not null check (role in ('lead','member')),
    added_at timestamptz not null default now(),
    primary key (org_id, case_id, user_id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, user_id) references users (org_id, id))`);

  await run(sql`alter table persons drop constraint persons_role_check`);
  await run(sql`alter table persons
    add constraint persons_role_check check (role in ('victim','suspect','witness','reporting_party','other')),
    add column version integer not null default 1 check (version >= 1),
    add column sex text check (sex in ('female','male','other','unknown')),
    add column age_at_exploitation smallint check (age_at_exploitation between 0 and 120),
    add column race_ethnicity text check (race_ethnicity in ('white','black','hispanic','asian','american_indian_alaska_native','native_hawaiian_pacific_islander','multiple','other','unknown')),
    add column citizenship_country text check (citizenship_country ~ '^[A-Z]{2}$'),
    add column visa_category text check (visa_category in ('A-3','G-5','H-2A','H-2B','J-1','B-1/B-2','F-1','other','none','unknown')),
    add column means_of_control text[] not null default '{}'
      check (means_of_control <@ array['debt_bondage','takes_earnings','restricts_movement','threats','psychological_abuse','physical_abuse','sexual_abuse','false_promises','psychoactive_substances','withholds_documents','withholds_necessities','other']::text[]),
    add column exploitation_types text[] not null default '{}'
      check (exploitation_types <@ array['sexual','forced_labour','forced_marriage','organ_removal','other']::text[]),
    add column industry text check (industry in ('escort_services','illicit_massage','outdoor_solicitation','residential','bars_strip_clubs','pornography','remote_interactive','personal_sexual_servitude','domestic_work','agriculture','travelling_sales','restaurants','peddling_begging','commercial_cleaning','construction','hotels','landscaping','illicit_activities','arts_entertainment','carnivals','forestry','factories','healthcare','recreational_facilities','other')),
    add column recruitment text check (recruitment in ('intimate_partner','family','employer','job_offer','smuggling','online','other'))`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_team`.execute(db);
  await sql`drop table case_agencies`.execute(db);
}
