/**
 * The time source for sessions, lockout, MFA and audit timestamps. Production reads the system clock;
 * tests move it (`setClock`) to check the 30-minute idle and 12-hour absolute limits without waiting.
 * One per process: node:test runs every test file in its own process.
 */
export const clock = {
  now: (): Date => new Date(),
};

/** Replaces the time source (tests only); returns a function restoring the system clock. */
export function setClock(now: () => Date): () => void {
  clock.now = now;
  return () => {
    clock.now = () => new Date();
  };
}

/** A controllable clock for tests: starts at `start`, moves only when told. */
export function manualClock(start = new Date()) {
  let current = start.getTime();
  const restore = setClock(() => new Date(current));
  return {
    advance(ms: number) {
      current += ms;
    },
    restore,
  };
}
