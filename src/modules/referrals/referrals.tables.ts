import type { ColumnType } from "kysely";
import type { DeclineReason, ReferralPurpose, ReferralStatus } from "./referrals.rules.ts";

type Ts = ColumnType<Date, Date, Date>;
type TsNull = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** A referral (with the sender's organization) and the recipient's copy (with the recipient). */
export interface ReferralsTables {
  referrals: {
    /** The sender: the organization that owns the case. */
    org_id: string;
    id: string;
    case_id: string;
    /** The victim referred; null when the whole case is referred. */
    person_id: string | null;
    recipient_kind: "org" | "directory";
    recipient_org_id: string | null;
    directory_entry_id: string | null;
    purpose: ReferralPurpose;
    /** Whether consent covered every victim of the case when sent (else a de-identified referral). */
    identified: boolean;
    status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
    decline_reason: ColumnType<DeclineReason | null, DeclineReason | null | undefined, DeclineReason | null>;
    version: ColumnType<number, number | undefined, number>;
    respond_by: Ts;
    sent_by: string | null;
    sent_at: Ts;
    answered_by: ColumnType<string | null, string | null | undefined, string | null>;
    answered_at: TsNull;
    completed_at: TsNull;
    revoked_by: ColumnType<string | null, string | null | undefined, string | null>;
    revoked_at: TsNull;
    /** True when accepting it created the case share (so revoking removes that share, and only that). */
    share_created: ColumnType<boolean, boolean | undefined, boolean>;
  };
  referrals_received: {
    /** The recipient organization. */
    org_id: string;
    sender_org_id: string;
    referral_id: string;
    purpose: ReferralPurpose;
    status: ReferralStatus;
    version: number;
    respond_by: Ts;
    sent_at: Ts;
  };
}
