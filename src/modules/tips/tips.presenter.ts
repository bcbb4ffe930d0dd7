import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { TipRow, TipWithKey } from "./tips.repository.ts";
import type { TipSummaryT, TipViewT } from "./tips.schema.ts";

export const TIPS_TABLE = "tips";
export const HHS_CLOCK_MS = 24 * 3_600_000;

type ClockFields = Pick<TipRow, "hhs_due_at" | "hhs_notified_at" | "hhs_notified_by" | "hhs_notified_method">;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The 24-hour HHS clock of a tip (null when none runs): overdue while unmet past its due time. */
export function clockOf(row: ClockFields, now: Date): TipSummaryT["hhsClock"] {
  if (!row.hhs_due_at) return null;
  const due = new Date(row.hhs_due_at);
  const met = row.hhs_notified_at !== null;
  return {
    dueAt: due.toISOString(),
    metAt: iso(row.hhs_notified_at),
    metBy: row.hhs_notified_by,
    method: row.hhs_notified_method,
    met,
    // Met late is still recorded as overdue: the record says the deadline was missed.
    overdue: met ? new Date(row.hhs_notified_at as Date) > due : now > due,
  };
}

type SummaryRow = Omit<
  TipRow,
  | "data_key_id"
  | "narrative_enc"
  | "reporter_name_enc"
  | "reporter_phone_enc"
  | "reporter_email_enc"
  | "city_enc"
  | "receipt_hash"
  | "facts"
  | "screening"
  | "recommendations"
  | "closed_at"
  | "created_by"
>;

/** The queue line: an allow-list of codes and dates, no free text. */
export function presentSummary(row: SummaryRow, now: Date): TipSummaryT {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    receivedAt: new Date(row.received_at).toISOString(),
    state: row.state,
    country: row.country,
    screeningLevel: row.screening_level,
    screeningDrivers: row.screening_drivers,
    priority: row.priority,
    assigneeUserId: row.assignee_user_id,
    mergedInto: row.merged_into,
    caseId: row.case_id,
    closeReason: row.close_reason,
    hhsClock: clockOf(row, now),
    version: row.version,
  };
}

const SEALED = ["narrative", "reporterName", "reporterPhone", "reporterEmail", "city"] as const;
type Sealed = (typeof SEALED)[number];

/** Opens a tip's sealed fields (the caller was allowed to read the tip). */
export function openTip(row: TipWithKey, crypto: FieldCrypto): Partial<Record<Sealed, string | null>> {
  if (!row.wrapped) throw new Error(`tip ${row.id}: data key missing`);
  return openRecord<Sealed>(
    crypto,
    { table: TIPS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
    {
      narrative: row.narrative_enc,
      reporterName: row.reporter_name_enc,
      reporterPhone: row.reporter_phone_enc,
      reporterEmail: row.reporter_email_enc,
      city: row.city_enc,
    },
  );
}

/** The whole tip for intake staff, with the narratives of duplicates merged into it. */
export function presentTip(row: TipWithKey, crypto: FieldCrypto, merged: TipWithKey[], now: Date): TipViewT {
  const open = openTip(row, crypto);
  return {
    ...presentSummary(row, now),
    narrative: open.narrative ?? "",
    city: open.city ?? null,
    reporter: {
      name: open.reporterName ?? null,
      phone: open.reporterPhone ?? null,
      email: open.reporterEmail ?? null,
    },
    facts: row.facts,
    screening: row.screening,
    recommendations: row.recommendations,
    merged: merged.map((m) => ({
      id: m.id,
      receivedAt: new Date(m.received_at).toISOString(),
      narrative: openTip(m, crypto).narrative ?? "",
    })),
  };
}
