import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AssignableUser, type DirectoryEntry, planApi } from "./api.ts";

/** The caller's colleagues (id and e-mail), to pick an assignee, a lead or a team member by name. */
export function useAssignable(): { users: AssignableUser[] | undefined; error: unknown } {
  const [users, setUsers] = useState<AssignableUser[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    planApi.assignable().then((r) => setUsers(r.users), setError);
  }, []);
  return { users, error };
}

/** The federal directory's entries, names in the page's language, to pick a provider or agency from. */
export function useDirectoryEntries(): DirectoryEntry[] | undefined {
  const { i18n } = useTranslation();
  const lang = i18n.language?.startsWith("es") ? "es" : "en";
  const [entries, setEntries] = useState<DirectoryEntry[]>();
  useEffect(() => {
    planApi.directory(lang).then(
      (r) => setEntries([...r.entries].sort((a, b) => a.name.localeCompare(b.name))),
      () => setEntries([]),
    );
  }, [lang]);
  return entries;
}

/** A user's e-mail by id, or a neutral label when the list does not name them. */
export const nameOf = (users: AssignableUser[] | undefined, id: string | null, fallback: string) =>
  (id && users?.find((u) => u.id === id)?.email) || fallback;
