import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreateTokenRequest, UserView } from "../auth/api.ts";
import { ErrorAlert } from "../auth/shared.tsx";

/** The API's limits on a token's lifetime, in days (CreateTokenBody in auth.schema.ts). */
export const MIN_DAYS = 1;
export const MAX_DAYS = 365;
const LABEL_MAX = 100;

interface Props {
  users: UserView[];
  error: unknown;
  onCreate(body: CreateTokenRequest): Promise<boolean>;
}

/** Creates a token for one active user of the organization, with a label and a lifetime in days. */
export function TokenCreateForm({ users, error, onCreate }: Props) {
  const { t } = useTranslation("auth");
  const [userId, setUserId] = useState("");
  const [label, setLabel] = useState("");
  const [days, setDays] = useState("30");
  const [busy, setBusy] = useState(false);
  // The server refuses tokens for disabled users: do not offer them.
  const active = users.filter((u) => !u.disabled);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const trimmed = label.trim();
    const ok = await onCreate({
      userId,
      expiresInDays: Number(days),
      ...(trimmed ? { label: trimmed } : {}),
    });
    setBusy(false);
    if (ok) {
      setLabel("");
      setUserId("");
      setDays("30");
    }
  }

  return (
    <form className="usa-form usa-form--large" onSubmit={submit}>
      <ErrorAlert error={error} />
      <label className="usa-label" htmlFor="new-token-user">
        {t("tokens.form.user")}
      </label>
      <span className="usa-hint" id="new-token-user-hint">
        {t("tokens.form.userHint")}
      </span>
      <select
        className="usa-select"
        id="new-token-user"
        name="userId"
        required
        aria-describedby="new-token-user-hint"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
      >
        <option value="">{t("tokens.form.chooseUser")}</option>
        {active.map((u) => (
          <option key={u.id} value={u.id}>
            {u.email}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="new-token-label">
        {t("tokens.form.label")}
      </label>
      <span className="usa-hint" id="new-token-label-hint">
        {t("tokens.form.labelHint", { max: LABEL_MAX })}
      </span>
      <input
        className="usa-input"
        id="new-token-label"
        name="label"
        maxLength={LABEL_MAX}
        autoComplete="off"
        aria-describedby="new-token-label-hint"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <label className="usa-label" htmlFor="new-token-days">
        {t("tokens.form.days")}
      </label>
      <span className="usa-hint" id="new-token-days-hint">
        {t("tokens.form.daysHint", { min: MIN_DAYS, max: MAX_DAYS })}
      </span>
      <input
        className="usa-input usa-input--small"
        id="new-token-days"
        name="expiresInDays"
        type="number"
        inputMode="numeric"
        min={MIN_DAYS}
        max={MAX_DAYS}
        step={1}
        required
        aria-describedby="new-token-days-hint"
        value={days}
        onChange={(e) => setDays(e.target.value)}
      />
      <button className="usa-button" type="submit" disabled={busy}>
        {t("tokens.form.create")}
      </button>
    </form>
  );
}
