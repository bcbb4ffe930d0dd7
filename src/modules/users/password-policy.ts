import { badRequest } from "../../server/errors.ts";
import { clock } from "../auth/clock.ts";
import { type PasswordProblem, passwordProblem } from "../auth/passwords.ts";
import { randomSecret } from "../auth/secrets.ts";

/** A password someone else chose (creation, admin reset) works this long, and only to set a new one. */
export const ONE_TIME_PASSWORD_MS = 72 * 60 * 60 * 1000;

export const oneTimePasswordExpiry = (now = clock.now()) => new Date(now.getTime() + ONE_TIME_PASSWORD_MS);

/** 20 random characters (120 bits), within the password policy. */
export const newOneTimePassword = () => randomSecret(15);

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: "must have at least 8 characters.",
  password_too_long: "may have at most 1024 characters.",
  password_common: "is on the list of common passwords; choose another.",
  password_breached: "has appeared in a data breach; choose another.",
  password_context: "is too close to your email, your organization or the word Harbor; choose another.",
};

/**
 * Throws 400 with a stable code, naming the field, when a new password breaks the policy (length,
 * common and breached lists, context words such as the user's email and organization).
 */
export function assertAcceptablePassword(password: string, context: readonly string[], field = "password") {
  const problem = passwordProblem(password, context);
  if (problem) throw badRequest(`${field}: the password ${PASSWORD_MESSAGES[problem]}`, problem);
}
