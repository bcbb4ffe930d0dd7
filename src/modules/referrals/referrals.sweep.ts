import type { Config } from "../../config.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { consentState } from "./referrals.access.ts";
import { referralsRepository as repo } from "./referrals.repository.ts";

const SYSTEM: SystemContext = { kind: "system", reason: "referrals: consent sweep" };

/**
 * An accepted referral's share exists because consent covered it. The policy already hides a
 * VAWA-gated owner's victim the moment consent lapses; for other owners the share itself would keep
 * showing the case's people, so this sweep removes the share of every referral whose consent no
 * longer covers all the case's victims (revoked or expired), marks the referral de-identified, and
 * records both on the case timeline and in the audit trail. It runs at start-up and every minute.
 * Returns how many shares were removed.
 */
export async function sweepLapsedReferralShares(store: Store): Promise<number> {
  let removed = 0;
  let after: { org_id: string; id: string } | undefined;
  for (;;) {
    const batch = await repo.sharedReferrals(store.db, 100, after);
    if (!batch.length) return removed;
    after = batch[batch.length - 1];
    for (const row of batch) {
      if (!row.recipient_org_id) continue;
      const recipientOrgId = row.recipient_org_id;
      await store.db.transaction().execute(async (trx) => {
        const now = clock.now();
        const locked = await repo.get(trx, row.org_id, row.id, true);
        if (!locked?.share_created || !locked.identified) return;
        const state = await consentState(
          trx,
          { org_id: row.org_id, id: row.case_id },
          recipientOrgId,
          row.purpose,
          now,
        );
        if (state?.identified) return;
        await repo.removeShare(trx, { caseId: row.case_id, ownerOrgId: row.org_id, recipientOrgId });
        await repo.update(trx, locked, { identified: false, share_created: false });
        const details = { recipientOrgId, reason: "consent_lapsed" };
        await recordCaseActivity(
          trx,
          SYSTEM,
          { id: row.case_id, org_id: row.org_id },
          {
            kind: "referral.consent_lapsed",
            ref: { type: "referral", id: row.id },
            details,
          },
        );
        await recordAudit(trx, {
          action: "referral.consent_lapsed",
          outcome: "success",
          targetType: "referral",
          targetIds: [row.id, row.case_id],
          details,
        });
        removed++;
      });
    }
  }
}

let timer: NodeJS.Timeout | undefined;

/** Start-up task: one sweep now, then every minute (unref'd: it never keeps the process alive). */
export async function referralsStartupTask(store: Store, _config: Config): Promise<void> {
  if (timer) clearInterval(timer);
  await sweepLapsedReferralShares(store);
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepLapsedReferralShares(store)
      .catch(() => {
        // The store may be closing; the next tick (or the next start) sweeps again.
      })
      .finally(() => {
        running = false;
      });
  }, 60_000);
  timer.unref();
}
