import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Harbor's runtime configuration, read from the environment (and `.env` when present). */
export const ConfigSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HARBOR_DATA_DIR: z.string().min(1).default("./.harbor"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HARBOR_MASTER_KEY: z.string().optional(),
  HARBOR_BEHIND_TLS: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  DEFAULT_LOCALE: z.enum(["en", "es"]).default("en"),
  /** Sign-in attempts (password and MFA steps) allowed per client address per minute. */
  HARBOR_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Anonymous tips (and receipt look-ups) allowed per client address per minute. */
  HARBOR_TIP_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** The organization that receives anonymous public tips; default: the installation's host organization. */
  HARBOR_TIP_ORG: z.string().optional(),
  /** Ed25519 private key (PEM) signing audit checkpoints; default `<data dir>/../harbor-audit-key.pem`. */
  HARBOR_AUDIT_KEY_FILE: z.string().optional(),
  /** Outgoing mail for notifications (smtp:// or smtps://); unset = in-app notifications only. */
  HARBOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** The largest attachment accepted, in bytes (default 10 MB); larger uploads answer 413. */
  HARBOR_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** The From address of notification e-mails. */
  HARBOR_MAIL_FROM: z.string().min(3).max(200).default("Harbor <no-reply@harbor.invalid>"),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

/** Raised when an environment variable has a bad value; its message is one line naming the variable. */
export class ConfigError extends Error {}

/**
 * Parses the environment. Loads `.env` from the working directory first when it exists
 * (variables already set win). Throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, loadDotEnv = env === process.env): Config {
  if (loadDotEnv && existsSync(".env")) process.loadEnvFile(".env");
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = ConfigSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.HARBOR_DATA_DIR) };
}
