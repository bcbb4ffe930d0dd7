import type { Capabilities } from "./pages/auth/api.ts";
import { IMPORT_ROLES } from "./pages/imports/api.ts";

/**
 * Who sees a header link: everyone, only signed-out visitors, signed-in users holding one of the
 * roles (an empty list: any role), or those the server's policy grants a capability (`/auth/me`
 * says which). Hiding is a courtesy; the server refuses what a user may not do.
 */
export type NavAccess = "public" | "signedOut" | { roles: readonly string[] } | { can: keyof Capabilities };

/** The header's links: `labelKey` is a key in the common namespace. A module adds its page here. */
export interface NavItem {
  to: string;
  labelKey: string;
  access: NavAccess;
}

export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home", access: "public" },
  { to: "/directory", labelKey: "directory:nav.directory", access: "public" },
  { to: "/navigator", labelKey: "directory:nav.navigator", access: "public" },
  { to: "/work", labelKey: "work:nav.work", access: { roles: [] } },
  { to: "/cases", labelKey: "records:nav.cases", access: { roles: [] } },
  { to: "/referrals", labelKey: "referrals:nav.referrals", access: { roles: [] } },
  { to: "/tip", labelKey: "tips:nav.tip", access: "signedOut" },
  { to: "/tips", labelKey: "tips:nav.triage", access: { roles: ["intake", "investigator", "advocate"] } },
  { to: "/search", labelKey: "search:nav.search", access: { roles: [] } },
  { to: "/relief/deadlines", labelKey: "relief:nav.deadlines", access: { roles: [] } },
  // Those who may open cases (the server checks the policy itself).
  { to: "/imports", labelKey: "imports:nav.imports", access: { roles: IMPORT_ROLES } },
  // The roles of STATS_READER_ROLES (src/modules/policy/policy.rules.ts).
  {
    to: "/stats",
    labelKey: "stats:nav.stats",
    access: { roles: ["analyst", "admin", "auditor", "investigator", "prosecutor", "advocate"] },
  },
  { to: "/admin/users", labelKey: "auth:nav.users", access: { can: "manageUsers" } },
  { to: "/admin/orgs", labelKey: "auth:nav.orgs", access: { can: "manageUsers" } },
  { to: "/admin/tokens", labelKey: "auth:nav.tokens", access: { can: "manageUsers" } },
  { to: "/audit", labelKey: "auth:nav.audit", access: { can: "readAudit" } },
  { to: "/sign-in", labelKey: "auth:nav.signIn", access: "signedOut" },
];
