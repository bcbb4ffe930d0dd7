/** The case plan's vocabularies (Primero's service types, adapted to trafficking victims' needs). */
export const SERVICE_TYPES = [
  "case_management",
  "shelter",
  "housing",
  "medical",
  "mental_health",
  "legal",
  "immigration_legal",
  "interpretation",
  "transportation",
  "food_clothing",
  "education",
  "employment",
  "financial",
  "safety_planning",
  "family_reunification",
  "repatriation",
  "other",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_STATUSES = ["planned", "referred", "in_progress", "completed", "declined"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const FOLLOW_UP_KINDS = [
  "visit",
  "phone_call",
  "meeting",
  "assessment",
  "service_check",
  "other",
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
