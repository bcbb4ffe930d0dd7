/** The indicator and screen codes (data/tips/indicators.json); their labels are in the tips locale. */
export const INDICATORS = [
  "isolated",
  "child_out_of_school",
  "behavior_change",
  "juvenile_commercial_sex",
  "disoriented_or_abused",
  "bruises",
  "fearful_submissive",
  "denied_necessities",
  "defers_to_companion",
  "coached",
  "unsuitable_housing",
  "no_documents_or_money",
] as const;
export const SCREEN = [
  "forced_to_work_or_sex",
  "cannot_leave",
  "threatened",
  "owes_debt",
  "documents_taken",
  "deceived_about_work",
  "wages_withheld",
  "under_18",
  "foreign_born",
  "not_citizen_or_lpr",
] as const;
