import { spawnSync } from "node:child_process";
import { HARBOR_BIN } from "../../test/support/harbor-process.ts";

/**
 * A `harbor` CLI bound to an embedded data folder. While the e2e server runs on that folder, the CLI
 * goes through the server's socket, exactly as an operator's commands would.
 */
export function harborCli(dataDir: string): (args: string[], input?: string) => string {
  return (args, input) => {
    const r = spawnSync(process.execPath, [HARBOR_BIN, ...args], {
      env: { ...process.env, HARBOR_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
      input,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`harbor ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
}
