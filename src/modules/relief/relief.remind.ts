import type { Store } from "../../store/store.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import { notify } from "./relief.notify.ts";
import { remindersDue } from "./relief.reminders.ts";
import { reliefRepository } from "./relief.repository.ts";

const SYSTEM: SystemContext = {
  kind: "system",
  reason: "relief reminders (30/7/1 days before each deadline)",
};

/**
 * Sends today's reminders: for each deadline exactly 30, 7 or 1 days away, a notification to whoever
 * recorded the application and to the organization's advocates. Run daily (`harbor relief remind`, or a
 * periodic task); a deadline is reminded once per threshold because the threshold day comes once.
 */
export async function sendReliefReminders(store: Store, today: string): Promise<{ sent: number }> {
  return store.db.transaction().execute(async (trx) => {
    const rows = await reliefRepository.listOpenForSystem(trx, SYSTEM);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const due = remindersDue(
      rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        caseId: r.case_id,
        type: r.type,
        status: r.status,
        decidedOn: r.decided_on,
        expiresOn: r.expires_on,
        extended: r.extended,
      })),
      today,
    );
    for (const d of due) {
      const row = byId.get(d.applicationId)!;
      await notify(trx, {
        orgId: row.org_id,
        ...(row.filed_by_user_id && row.filed_by_org_id === row.org_id
          ? { recipientUserIds: [row.filed_by_user_id] }
          : {}),
        recipientRoles: ["advocate"],
        kind: `relief.deadline.${d.kind}`,
        refType: "relief_application",
        refId: d.applicationId,
        caseId: d.caseId,
        dueAt: d.date,
      });
    }
    return { sent: due.length };
  });
}
