/** Where the sign-in page was sent from, carried in the navigation state (never in the address bar). */
export interface SentFrom {
  from?: string;
}

/**
 * After sign-in: back to the page that sent the user here, else their home page (/work). Only a path of
 * this app is followed (one leading slash, not the sign-in page itself), so the state cannot send anyone away.
 */
export function afterSignIn(state: unknown): string {
  const from = typeof state === "object" && state !== null ? (state as SentFrom).from : undefined;
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\"))
    return "/work";
  if (from === "/sign-in" || from.startsWith("/sign-in?")) return "/work";
  return from;
}
