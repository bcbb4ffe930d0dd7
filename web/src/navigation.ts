/** The header's links: `labelKey` is a key in the common namespace. A module adds its page here. */
export interface NavItem {
  to: string;
  labelKey: string;
}

export const NAV_ITEMS: NavItem[] = [{ to: "/", labelKey: "nav.home" }];
