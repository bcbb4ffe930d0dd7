import type { Config } from "../../config.ts";
import type { Store } from "../../store/store.ts";
import { type FieldCrypto, fieldCryptoOf } from "../crypto/crypto.service.ts";
import type { MasterKey } from "../crypto/envelope.ts";

/**
 * The field crypto `indexText(trx, …)` uses when its caller passes none (Contract 2 gives writers only
 * their transaction). Registered by the start-up task. One Harbor process serves one store, so this is
 * that store's; a test process that opens several stores registers each, and a wrapped organization
 * key is opened by whichever registered key ring knows its master key.
 */
const registered: FieldCrypto[] = [];

/** Start-up task: makes the store's field crypto the default of `indexText` and the search service. */
export async function searchStartupTask(store: Store, _config: Config): Promise<void> {
  registerSearchCrypto(fieldCryptoOf(store));
}

export function registerSearchCrypto(crypto: FieldCrypto): void {
  const at = registered.indexOf(crypto);
  if (at >= 0) registered.splice(at, 1);
  registered.push(crypto);
  if (registered.length > 16) registered.shift();
}

/** The default field crypto: the latest registered ring wraps; any registered ring may unwrap. */
export function searchCrypto(): FieldCrypto {
  const latest = registered.at(-1);
  if (!latest) throw new Error("Search is not prepared: searchStartupTask runs at start-up.");
  if (registered.length === 1) return latest;
  const get = (id: string): MasterKey | undefined => {
    for (let i = registered.length - 1; i >= 0; i--) {
      const key = registered[i]!.ring.get(id);
      if (key) return key;
    }
    return undefined;
  };
  return { indexKey: latest.indexKey, ring: { ...latest.ring, current: latest.ring.current, get } };
}
