/** The header's links: `labelKey` is a key in the common namespace. A module adds its page here. */
export interface NavItem {
  to: string;
  labelKey: string;
}

export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home" },
  { to: "/directory", labelKey: "directory:nav.directory" },
  { to: "/navigator", labelKey: "directory:nav.navigator" },
  { to: "/cases", labelKey: "records:nav.cases" },
  { to: "/admin/users", labelKey: "auth:nav.users" },
  { to: "/audit", labelKey: "auth:nav.audit" },
  { to: "/sign-in", labelKey: "auth:nav.signIn" },
];
