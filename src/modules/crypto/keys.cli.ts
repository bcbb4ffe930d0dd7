import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { rotateDataKeys } from "./crypto.service.ts";
import { dataKeysRepository } from "./data-keys.repository.ts";
import { addKeyToFile, ensureKeyFile, loadKeyRing } from "./key-store.ts";

/** `harbor keys rotate`. */
export async function rotateCommand(opts: { resume?: boolean }): Promise<void> {
  const config = loadConfig();
  await withStore(async (store) => {
    if (!config.HARBOR_MASTER_KEY && !opts.resume) {
      ensureKeyFile(config.dataDir);
      const added = addKeyToFile(config.dataDir);
      console.log(`Added master key ${added.id} to ${loadKeyRing(config).source}.`);
    }
    const ring = loadKeyRing(config);
    const { rewrapped } = await rotateDataKeys(store.db, ring);
    const counts = await dataKeysRepository.countByKek(store.db);
    const left = counts.filter((c) => c.kek_id !== ring.current.id).reduce((n, c) => n + Number(c.count), 0);
    console.log(
      `Re-wrapped ${rewrapped} data keys under ${ring.current.id}; ${left} remain under older keys.`,
    );
    if (left) process.exitCode = 1;
  });
}

/** `harbor keys status`. */
export async function statusCommand(opts: { json?: boolean }): Promise<void> {
  const config = loadConfig();
  await withStore(async (store) => {
    const ring = loadKeyRing(config);
    const counts = (await dataKeysRepository.countByKek(store.db)).map((c) => ({
      keyId: c.kek_id,
      dataKeys: Number(c.count),
    }));
    if (opts.json)
      return console.log(JSON.stringify({ current: ring.current.id, source: ring.source, counts }, null, 2));
    console.log(`Current master key: ${ring.current.id} (${ring.source})`);
    for (const c of counts) console.log(`  ${c.keyId}: ${c.dataKeys} data keys`);
  });
}
