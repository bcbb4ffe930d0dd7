import type { ConsentPurpose } from "../policy/policy.rules.ts";

/**
 * The pure rules of a referral: vocabularies, the state machine, the consent purpose a referral
 * needs, and when it is overdue. No HTTP, no database, so each rule is tested alone.
 */

export const REFERRAL_PURPOSES = [
  "shelter",
  "legal",
  "medical",
  "mental_health",
  "case_management",
  "immigration_legal",
  "employment",
  "law_enforcement",
  "other",
] as const;
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];

export const REFERRAL_STATUSES = ["sent", "accepted", "declined", "completed", "revoked"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const DECLINE_REASONS = [
  "no_capacity",
  "not_eligible",
  "outside_service_area",
  "service_not_offered",
  "client_declined",
  "duplicate",
  "other",
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** What can be done to a referral, and by which side. */
export const REFERRAL_ACTIONS = ["accept", "decline", "complete", "revoke"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];
export const ACTION_SIDE: Record<ReferralAction, "sender" | "recipient"> = {
  accept: "recipient",
  decline: "recipient",
  complete: "recipient",
  revoke: "sender",
};

const TRANSITIONS: Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ["sent"], to: "accepted" },
  decline: { from: ["sent"], to: "declined" },
  complete: { from: ["accepted"], to: "completed" },
  revoke: { from: ["sent", "accepted"], to: "revoked" },
};

/** The state after `action`, or undefined when the action is not allowed from `current`. */
export function nextStatus(current: ReferralStatus, action: ReferralAction): ReferralStatus | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(current) ? t.to : undefined;
}

/** The actions open from a state (for the web's buttons). */
export function actionsFrom(current: ReferralStatus): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((a) => nextStatus(current, a) !== undefined);
}

/**
 * The consent purpose a referral needs. Law enforcement is `law_enforcement_sharing`; every service
 * is `services_referral`. The policy also decides what an organization may see by its own type's
 * purpose (ORG_TYPE_RULES), so when that differs the consent must name it too: both are required.
 */
export function consentPurposesFor(purpose: ReferralPurpose, recipientTypePurpose: ConsentPurpose) {
  const mapped: ConsentPurpose =
    purpose === "law_enforcement" ? "law_enforcement_sharing" : "services_referral";
  return [...new Set<ConsentPurpose>([mapped, recipientTypePurpose])];
}

/** Default days to answer: three business days (Saturday and Sunday skipped, in UTC). */
export const DEFAULT_RESPONSE_BUSINESS_DAYS = 3;

/** `from` plus `days` business days (Mon–Fri, UTC), at the same time of day. */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

/** A referral still waiting for an answer after its respond-by time is overdue. */
export function isOverdue(r: { status: ReferralStatus; respond_by: Date }, now: Date): boolean {
  return r.status === "sent" && r.respond_by.getTime() < now.getTime();
}
