/**
 * Who sees a header link: everyone, only signed-out visitors, or signed-in users holding one of
 * the roles (an empty list: any role). Hiding is a courtesy; the server refuses what a role may not do.
 */
export type NavAccess = "public" | "signedOut" | { roles: readonly string[] };

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
  { to: "/cases", labelKey: "records:nav.cases", access: { roles: [] } },
  { to: "/admin/users", labelKey: "auth:nav.users", access: { roles: ["admin"] } },
  { to: "/admin/tokens", labelKey: "auth:nav.tokens", access: { roles: ["admin"] } },
  { to: "/audit", labelKey: "auth:nav.audit", access: { roles: ["auditor"] } },
  { to: "/sign-in", labelKey: "auth:nav.signIn", access: "signedOut" },
];
