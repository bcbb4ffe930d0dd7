import type { Config } from "../config.ts";
import { sealLegacyCaseTitles } from "../modules/cases/cases.startup.ts";
import { fieldCryptoStartupTask } from "../modules/crypto/crypto.service.ts";
import { directoryStartupTask } from "../modules/directory/directory.service.ts";
import type { Store } from "../store/store.ts";

/** Work done once at start-up after migrations (loading shipped data, keys). A module adds one line. */
export type StartupTask = (store: Store, config: Config) => Promise<void>;

export const startupTasks: StartupTask[] = [
  fieldCryptoStartupTask,
  sealLegacyCaseTitles,
  directoryStartupTask,
];
