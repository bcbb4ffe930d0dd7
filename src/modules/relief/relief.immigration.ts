import {
  type Deadline,
  deadline,
  latest,
  type PathView,
  path,
  trafficking,
  uSupplementBFileBy,
  type VictimFacts,
} from "./relief.eligibility.ts";

/**
 * The immigration paths of the eligibility view: Continued Presence, T visa, U visa (pure, like the
 * rest of the view; split from relief.eligibility.ts to keep files short).
 */
export function continuedPresence(f: VictimFacts, today: string, citMissing: string[]): PathView {
  const rec = latest(f, "continued_presence");
  const reasons = ["requested_by_federal_law_enforcement_only"];
  const missing = [...citMissing];
  if (!trafficking(f, reasons, missing))
    return path("continued_presence", "not_applicable", ["not_severe_form"]);
  const deadlines: Deadline[] = [];
  if (rec?.status === "granted") {
    if (rec.expiresOn) {
      deadlines.push(deadline("continued_presence_expires", rec.expiresOn, today));
      reasons.push(rec.expiresOn < today ? "continued_presence_expired" : "continued_presence_active");
    } else missing.push("continuedPresenceExpiresOn");
    return path("continued_presence", "eligible", reasons, missing, deadlines, rec);
  }
  if (f.visaCategory === "A-3" || f.visaCategory === "G-5")
    reasons.push("diplomatic_domestic_worker_state_department");
  return path(
    "continued_presence",
    citMissing.length ? "needs_facts" : "possibly_eligible",
    reasons,
    missing,
    deadlines,
    rec,
  );
}

/** Under 18 at the time of trafficking, or trauma: exempt from the reasonable-requests requirement. */
function tCooperation(f: VictimFacts, reasons: string[], missing: string[]): boolean {
  if (f.ageWhenExploited != null && f.ageWhenExploited < 18)
    return reasons.push("cooperation_exempt_minor") > 0;
  if (f.traumaException) return reasons.push("cooperation_exempt_trauma") > 0;
  if (f.cooperatesWithLawEnforcement === "yes") return reasons.push("cooperates_with_law_enforcement") > 0;
  if (f.cooperatesWithLawEnforcement === "no") return false;
  missing.push("cooperatesWithLawEnforcement");
  if (f.ageWhenExploited == null) missing.push("ageWhenExploited");
  return true;
}

export function tVisa(f: VictimFacts, citMissing: string[]): PathView {
  const rec = latest(f, "t_visa");
  const reasons: string[] = ["i914_supplement_b_optional", "extreme_hardship_to_show"];
  const missing = [...citMissing];
  if (!trafficking(f, reasons, missing))
    return path("t_visa", "not_applicable", ["not_severe_form"], [], [], rec);
  if (f.presentOnAccountOfTrafficking === "no")
    return path("t_visa", "not_applicable", ["not_present_on_account_of_trafficking"], [], [], rec);
  if (f.presentOnAccountOfTrafficking === "yes") reasons.push("present_on_account_of_trafficking");
  else missing.push("presentOnAccountOfTrafficking");
  if (!tCooperation(f, reasons, missing))
    return path("t_visa", "not_applicable", ["declines_reasonable_requests"], [], [], rec);
  if (f.visaCategory === "A-3" || f.visaCategory === "G-5")
    reasons.push("diplomatic_domestic_worker_state_department");
  return path(
    "t_visa",
    missing.length ? (citMissing.length ? "needs_facts" : "possibly_eligible") : "possibly_eligible",
    reasons,
    missing,
    [],
    rec,
  );
}

export function uVisa(f: VictimFacts, today: string, citMissing: string[]): PathView {
  const rec = latest(f, "u_visa");
  const supB = latest(f, "u_supplement_b");
  const reasons = ["i918_supplement_b_required"];
  const missing = [...citMissing];
  // No crime in the U.S. and no violation of U.S. law: no U visa (INA 101(a)(15)(U)(i)(IV)).
  if (f.usNexus === "no") return path("u_visa", "not_applicable", ["no_us_nexus"], [], [], rec);
  if (f.usNexus === "yes") reasons.push("us_nexus");
  else missing.push("usNexus");
  const crimes = f.uVisaQualifyingCrimes ?? [];
  if (crimes.length) reasons.push("qualifying_crime");
  else if (f.severeFormTrafficking === "yes") reasons.push("qualifying_crime_trafficking");
  else missing.push("uVisaQualifyingCrimes");
  // A victim under 16 may be helpful through a parent or guardian (8 CFR 214.14(b)(3)).
  if (f.cooperatesWithLawEnforcement === "no" && !((f.ageWhenExploited ?? 99) < 16))
    return path("u_visa", "not_applicable", ["not_helpful_to_law_enforcement"], [], [], rec);
  if (f.cooperatesWithLawEnforcement !== "yes" && !((f.ageWhenExploited ?? 99) < 16))
    missing.push("cooperatesWithLawEnforcement");
  const deadlines: Deadline[] = [];
  if (supB?.status === "granted" && supB.decidedOn) {
    reasons.push("supplement_b_signed");
    if (!rec || rec.status === "draft")
      deadlines.push(
        deadline("u_file_within_6_months_of_supplement_b", uSupplementBFileBy(supB.decidedOn), today),
      );
  } else missing.push("supplementBCertification");
  return path(
    "u_visa",
    citMissing.length ? "needs_facts" : "possibly_eligible",
    reasons,
    missing,
    deadlines,
    rec,
  );
}
