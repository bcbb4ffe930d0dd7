import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** A store a benchmark runs against: the environment a Harbor process needs for it, and its removal. */
export interface Target {
  name: "pglite" | "postgres";
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** The PostgreSQL server benchmarks create their databases on. */
export const adminUrl = () =>
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh, empty PostgreSQL database (dropped by `drop`, even with connections left open). */
export async function freshDatabase(admin = adminUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `harbor_bench_${randomBytes(4).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** The embedded store (PGlite) in a fresh data folder. */
export async function embeddedTarget(env: Record<string, string> = {}): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), "harbor-bench-"));
  return {
    name: "pglite",
    env: { HARBOR_DATA_DIR: dir, ...env },
    cleanup: async () => rmSync(dir, { recursive: true }),
  };
}

/** A fresh PostgreSQL database, a master key, and a data folder for the rest. */
export async function postgresTarget(env: Record<string, string> = {}): Promise<Target> {
  const db = await freshDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "harbor-bench-"));
  return {
    name: "postgres",
    env: {
      DATABASE_URL: db.url,
      HARBOR_MASTER_KEY: `bench:${randomBytes(32).toString("base64")}`,
      HARBOR_DATA_DIR: dir,
      ...env,
    },
    async cleanup() {
      await db.drop();
      rmSync(dir, { recursive: true });
    },
  };
}

export const targetOf = (name: string, env: Record<string, string> = {}) =>
  name === "pglite" ? embeddedTarget(env) : postgresTarget(env);
