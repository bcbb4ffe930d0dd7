import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../../config.ts";
import type { Store } from "../../store/store.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { userIn } from "../users/users.service.ts";
import { notificationsRepository } from "./notifications.repository.ts";

/**
 * Notification e-mail. The mail says only that there is a new item, with a link to the notification
 * list: never a name, a case, a purpose or an organization, because mailboxes are read on phones,
 * shared and forwarded, and a victim's involvement is itself identifying. The outbox row names the
 * user; the address is read from the account at send time.
 */

const SYSTEM: SystemContext = { kind: "system", reason: "notifications: mail outbox" };

/** Set at start-up from HARBOR_SMTP_URL: notify() queues mail only when there is somewhere to send it. */
let enabled = false;
let timer: NodeJS.Timeout | undefined;

export const mailEnabled = () => enabled;

/** The only content a notification mail ever has (English and Spanish: the account has no language yet). */
export function mailContent(config: Pick<Config, "PUBLIC_BASE_URL" | "HOST" | "PORT">) {
  const base = (config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, "");
  const link = `${base}/notifications`;
  return {
    subject: "Harbor: new item / nuevo elemento",
    text: `You have a new item in Harbor.\n${link}\n\nTiene un nuevo elemento en Harbor.\n${link}\n`,
  };
}

/**
 * Sends what is queued, in batches; each row is claimed first (so several processes, or a retry
 * beside the worker, never send twice) and sent outside any transaction. A failure is counted and
 * retried later, up to 5 attempts. Returns how many were sent.
 */
export async function drainOutbox(
  store: Store,
  config: Pick<Config, "PUBLIC_BASE_URL" | "HOST" | "PORT" | "HARBOR_MAIL_FROM">,
  transport: Transporter,
): Promise<number> {
  let sent = 0;
  const content = mailContent(config);
  // Backoff: 1, 2, 4, 8 minutes; a failed row is not tried again in this run.
  const retryAt = (attempts: number) => new Date(clock.now().getTime() + 60_000 * 2 ** attempts);
  for (;;) {
    const batch = await notificationsRepository.claimPending(store.db, clock.now(), 60_000, 20);
    if (!batch.length) return sent;
    for (const row of batch) {
      try {
        const user = await userIn(store.db, SYSTEM, "read", row.user_id);
        if (user.disabled_at) {
          await notificationsRepository.markFailed(store.db, row, "user_disabled", retryAt(4));
          continue;
        }
        await transport.sendMail({ from: config.HARBOR_MAIL_FROM, to: user.email, ...content });
        await notificationsRepository.markSent(store.db, row, clock.now());
        sent++;
      } catch {
        // The error text may carry the address or the server's reply: only a code is kept.
        await notificationsRepository.markFailed(store.db, row, "send_failed", retryAt(row.attempts));
      }
    }
  }
}

/** Start-up task: enables mail when HARBOR_SMTP_URL is set, and drains the outbox every 15 s. */
export async function notificationsStartupTask(store: Store, config: Config): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  enabled = Boolean(config.HARBOR_SMTP_URL);
  if (!config.HARBOR_SMTP_URL) return;
  const transport = nodemailer.createTransport(config.HARBOR_SMTP_URL);
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    drainOutbox(store, config, transport)
      .catch(() => {
        // The store may be closing; the next tick (or the next start) sends what is left.
      })
      .finally(() => {
        running = false;
      });
  }, 15_000);
  timer.unref();
}
