import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/** What a running Harbor writes into its lock file, so other processes can find (or recognise) it. */
export interface LockOwner {
  pid: number;
  startedAt: string;
  /** Folder holding the Postgres wire-protocol socket of the running embedded store, when it serves one. */
  socketDir?: string;
}

/** Raised when another live process holds the data folder. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Harbor process (pid ${owner.pid}, started ${owner.startedAt}). ` +
        "Stop it first, or run administrative commands while it runs: they go through it.",
    );
  }
}

const lockPath = (dataDir: string) => path.join(dataDir, "harbor.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A recycled pid may belong to an unrelated program: only a node process can be a Harbor.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

/** Reads the lock; returns the owner when a live process holds it, otherwise undefined. */
export function liveLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as LockOwner;
    return isAlive(owner.pid) && owner.pid !== process.pid ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the exclusive lock on an embedded data folder. PGlite allows one process per folder: a second
 * one corrupts it. A lock left by a killed process is detected (its pid is gone) and cleared, together
 * with PGlite's stale postmaster.pid, which otherwise aborts the next start.
 * @returns a function that releases the lock.
 * @throws DataFolderInUseError when a live process holds the folder.
 */
export function acquireDataFolderLock(dataDir: string, owner: Omit<LockOwner, "pid" | "startedAt">) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockPath(dataDir);
  const record: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(record));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = liveLockOwner(dataDir);
      if (holder) throw new DataFolderInUseError(dataDir, holder);
      rmSync(file, { force: true });
      const postmaster = path.join(dataDir, "db", "postmaster.pid");
      if (existsSync(postmaster)) rmSync(postmaster, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
