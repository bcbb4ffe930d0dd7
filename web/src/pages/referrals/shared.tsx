import { useTranslation } from "react-i18next";
import type { ReferralView } from "./api.ts";

/** A referral's state, with "overdue" said in words (never by colour alone). */
export function StatusTag({ referral }: { referral: Pick<ReferralView, "status" | "overdue"> }) {
  const { t } = useTranslation("referrals");
  return (
    <>
      <span className="usa-tag bg-base-dark">{t(`statuses.${referral.status}`)}</span>
      {referral.overdue && <span className="usa-tag bg-secondary-dark margin-left-1">{t("overdue")}</span>}
    </>
  );
}
