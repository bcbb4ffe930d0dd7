import { generate, generateSecret, generateURI, verify } from "otplib";

/** RFC 6238: 6 digits, 30-second steps, SHA-1 (what authenticator apps implement). */
export const TOTP_PERIOD = 30;

/** A new base32 TOTP secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URL an authenticator app imports. */
export function otpauthUrl(secret: string, label: string): string {
  return generateURI({ issuer: "Harbor", label, secret, period: TOTP_PERIOD, digits: 6 });
}

/**
 * Checks a code at `now`, allowing one step of clock drift each way, and refuses any step at or
 * before `lastStep` so a code is accepted once only (ASVS 6.5.1). Returns the matched step or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOTP_PERIOD,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** The code an authenticator shows at `now` (for the demo's accounts only: `harbor demo code`). */
export function currentTotpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), period: TOTP_PERIOD, digits: 6 });
}
