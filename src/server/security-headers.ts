import helmet from "helmet";
import type { Config } from "../config.ts";

/**
 * Helmet's settings: the security headers docs/security.md promises on every response. (Left to type
 * inference: @fastify/helmet and helmet's ES module declare the same option types twice.)
 */
export function helmetOptions(config: Config) {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.HARBOR_BEHIND_TLS ? [] : null,
      },
    },
    hsts: config.HARBOR_BEHIND_TLS ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "no-referrer" as const },
  };
}

/**
 * The same headers as a plain record, for the answers Fastify and Node give before any hook runs (a bad
 * URL, a malformed request): helmet writes them onto a stand-in response once, at start-up.
 */
export function securityHeaders(settings: ReturnType<typeof helmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(settings)({} as never, collector as never, () => undefined);
  return { ...headers, "cache-control": "no-store" };
}
