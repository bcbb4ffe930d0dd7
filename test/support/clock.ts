/**
 * Where a test's simulated clock starts: the current minute (a whole number of 30-second TOTP steps),
 * so times written by the database and by Harbor's clock stay close, whatever day the tests run.
 */
export const testClockStart = (): Date => new Date(Math.floor(Date.now() / 60_000) * 60_000);
