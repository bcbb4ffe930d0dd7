/** Pure helpers of the work module (no I/O). */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * `start` plus an ISO 8601 duration (P2Y, P6M, P90D, PT24H, …), calendar-aware for years and months;
 * null when the duration is null or not understood (the task then has no due time).
 */
export function addIsoDuration(start: Date, duration: string | null): Date | null {
  if (!duration) return null;
  const m = DURATION.exec(duration);
  if (!m || duration === "P" || duration.endsWith("T")) return null;
  const [y, mo, w, d, h, mi] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const out = new Date(start.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + y, out.getUTCMonth() + mo);
  return new Date(out.getTime() + ((w * 7 + d) * 24 + h) * 3_600_000 + mi * 60_000);
}

/** The key a routing deadline's task is made under: one task per case, deadline and agency. */
export const deadlineSourceKey = (d: { id: string; orgId: string }) => `routing:${d.id}:${d.orgId}`;
