import type { Config } from "../config.ts";
import { sealLegacyCaseTitles } from "../modules/cases/cases.startup.ts";
import { fieldCryptoStartupTask } from "../modules/crypto/crypto.service.ts";
import { directoryStartupTask } from "../modules/directory/directory.service.ts";
import { notificationsStartupTask } from "../modules/notifications/notifications.mail.ts";
import { referralsStartupTask } from "../modules/referrals/referrals.sweep.ts";
import { searchStartupTask } from "../modules/search/search.crypto.ts";
import type { Store } from "../store/store.ts";

/** Work done once at start-up after migrations (loading shipped data, keys). A module adds one line. */
export type StartupTask = (store: Store, config: Config) => Promise<void>;

export const startupTasks: StartupTask[] = [
  fieldCryptoStartupTask,
  directoryStartupTask,
  notificationsStartupTask,
  referralsStartupTask,
  searchStartupTask,
  sealLegacyCaseTitles,
];
