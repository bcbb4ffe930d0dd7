import { type Kysely, sql } from "kysely";
import type { StatsRows } from "../../stats/reports/rows.ts";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { CONSENT_GATED_OWNER_TYPES } from "../policy/policy.rules.ts";
import { caseScope, personScope } from "../policy/policy.sql.ts";

/**
 * ALL SQL of the statistics module: the case model's codes, counts and dates for the cases the caller
 * may read (the compiled policy in every WHERE), never a sealed value.
 *
 * MERGE: Contract 1 (CASEWORK.md). The columns read here (cases.trafficking_type, confirmation,
 * lead_agency_type, investigation_started_on, incident_state; case_agencies; persons.sex,
 * age_at_exploitation, race_ethnicity, citizenship_country, visa_category, means_of_control,
 * exploitation_types, industry, recruitment; case_events; charges, arrests, adjudications, sentences)
 * are case-record's and do not exist on this branch, so the queries are raw SQL with their row types
 * declared here; test/stats-api.test.ts runs them once the columns exist.
 *
 * Victims of a victim-service provider (VAWA) count only under an active `statistics` consent to the
 * caller's organization or kept by the owner for its own statistics (recipient = owner).
 *
 * Voided case facts (migration 0012: a fact entered in error, a duplicate…) are not counted; at most
 * one live adjudication per charge and one live sentence per adjudication, so the joins stay 1:1.
 */

type Db = Kysely<Database>;

export const statsRepository = {
  async rows(db: Db, actor: Actor, range: { from?: string; to?: string }, now: Date): Promise<StatsRows> {
    const owners = await ownerOrgsScope(db, actor, "cases.org_id");
    const orgId = actor.kind === "user" ? actor.orgId : null;
    const started = sql`coalesce(cases.investigation_started_on, cases.created_at::date)`;
    const inRange = sql.join(
      [
        sql`true`,
        ...(range.from ? [sql`${started} >= ${range.from}::date`] : []),
        ...(range.to ? [sql`${started} <= ${range.to}::date`] : []),
      ],
      sql` and `,
    );
    const casesQuery = sql<{
      case_id: string;
      org_id: string;
      trafficking_type: string;
      confirmation: string;
      lead_agency_type: string | null;
      agency_count: number;
      started_on: string;
      incident_state: string | null;
      registered_year: number;
    }>`select cases.id as case_id, cases.org_id, cases.trafficking_type, cases.confirmation, cases.lead_agency_type,
        (select count(*)::int from case_agencies a where a.org_id = cases.org_id and a.case_id = cases.id) as agency_count,
        to_char(${started}, 'YYYY-MM-DD') as started_on, cases.incident_state,
        extract(year from cases.created_at)::int as registered_year
      from cases where ${caseScope(actor, "read")} and ${owners} and ${inRange}`;
    const incidents = (await casesQuery.execute(db)).rows;
    const byCase = new Map(
      incidents.map((i) => [
        i.case_id,
        {
          caseId: i.case_id,
          orgId: i.org_id,
          traffickingType: i.trafficking_type,
          confirmation: i.confirmation,
          leadAgencyType: i.lead_agency_type,
          agencyCount: i.agency_count,
          startedOn: i.started_on,
          incidentState: i.incident_state,
          registeredYear: i.registered_year,
        },
      ]),
    );
    const ids = [...byCase.keys()];
    if (!ids.length) return { incidents: [], victims: [], suspects: [] };
    const gated = sql.join(CONSENT_GATED_OWNER_TYPES);
    const persons = await sql<{
      id: string;
      case_id: string;
      org_id: string;
      role: string;
      sex: string | null;
      age_at_exploitation: number | null;
      race_ethnicity: string | null;
      citizenship: string;
      citizenship_country: string | null;
      visa_category: string | null;
      means_of_control: string[] | null;
      exploitation_types: string[] | null;
      industry: string | null;
      recruitment: string | null;
      exploitation_country: string | null;
      arrested: boolean;
    }>`select persons.id, persons.case_id, persons.org_id, persons.role, persons.sex, persons.age_at_exploitation,
        persons.race_ethnicity, persons.citizenship, persons.citizenship_country, persons.visa_category,
        persons.means_of_control, persons.exploitation_types, persons.industry, persons.recruitment,
        (select e.country from case_events e where e.org_id = persons.org_id and e.case_id = persons.case_id
          and e.kind = 'exploitation' and e.country is not null and e.voided_at is null order by e.started_on nulls last limit 1) as exploitation_country,
        exists (select 1 from arrests ar where ar.org_id = persons.org_id and ar.person_id = persons.id and ar.voided_at is null) as arrested
      from persons
      where persons.case_id in (${sql.join(ids)}) and ${personScope(actor, "read")}
        and persons.role in ('victim', 'suspect')
        and (persons.role <> 'victim'
          or (select o.type from orgs o where o.id = persons.org_id) not in (${gated})
          or exists (select 1 from consents k where k.org_id = persons.org_id and k.person_id = persons.id
            and k.purpose = 'statistics' and k.revoked_at is null and k.expires_at > ${now}
            and k.recipient_org_id in (${orgId ?? sql`persons.org_id`}, persons.org_id)))`.execute(db);
    const suspectIds = persons.rows.filter((p) => p.role === "suspect").map((p) => p.id);
    const charges = suspectIds.length
      ? (
          await sql<{
            id: string;
            person_id: string;
            statute: string;
            nibrs_code: string;
            jurisdiction: string;
            filed_on: string | null;
            outcome: string | null;
            decided_on: string | null;
            prison_months: number | null;
            probation_months: number | null;
            restitution_cents: string | null;
          }>`select ch.id, ch.person_id, ch.statute, ch.nibrs_code, ch.jurisdiction, to_char(ch.filed_on, 'YYYY-MM-DD') as filed_on,
              ad.outcome, to_char(ad.decided_on, 'YYYY-MM-DD') as decided_on, se.prison_months, se.probation_months,
              se.restitution_cents::text as restitution_cents
            from charges ch
            left join adjudications ad on ad.org_id = ch.org_id and ad.charge_id = ch.id and ad.voided_at is null
            left join sentences se on se.org_id = ad.org_id and se.adjudication_id = ad.id and se.voided_at is null
            where ch.person_id in (${sql.join(suspectIds)}) and ch.case_id in (${sql.join(ids)})
              and ch.voided_at is null`.execute(db)
        ).rows
      : [];
    const out: StatsRows = { incidents: [...byCase.values()], victims: [], suspects: [] };
    for (const p of persons.rows) {
      const incident = byCase.get(p.case_id)!;
      if (p.role === "victim")
        out.victims.push({
          personId: p.id,
          caseId: p.case_id,
          sex: p.sex ?? "unknown",
          age: p.age_at_exploitation,
          raceEthnicity: p.race_ethnicity ?? "unknown",
          citizenship: p.citizenship,
          citizenshipCountry: p.citizenship_country,
          visaCategory: p.visa_category ?? "unknown",
          meansOfControl: p.means_of_control ?? [],
          exploitationTypes: p.exploitation_types ?? [],
          industry: p.industry,
          recruitment: p.recruitment,
          exploitationCountry: p.exploitation_country,
          incident,
        });
      else
        out.suspects.push({
          personId: p.id,
          caseId: p.case_id,
          sex: p.sex ?? "unknown",
          age: p.age_at_exploitation,
          raceEthnicity: p.race_ethnicity ?? "unknown",
          citizenship: p.citizenship,
          arrested: p.arrested,
          incident,
          charges: charges
            .filter((c) => c.person_id === p.id)
            .map((c) => ({
              chargeId: c.id,
              statute: c.statute,
              nibrsCode: c.nibrs_code,
              jurisdiction: c.jurisdiction,
              filedOn: c.filed_on,
              outcome: c.outcome,
              decidedOn: c.decided_on,
              prisonMonths: c.prison_months,
              probationMonths: c.probation_months,
              restitutionCents: c.restitution_cents === null ? null : Number(c.restitution_cents),
            })),
        });
    }
    return out;
  },
};
