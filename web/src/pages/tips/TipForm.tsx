import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../records/shared.tsx";
import { type SubmitTipRequest, tipsApi } from "./api.ts";
import { INDICATORS, SCREEN } from "./vocabulary.ts";

type Answer = "yes" | "no" | "unknown";
const CITIZENSHIP = ["unknown", "us_citizen", "lawful_permanent_resident", "foreign_national"] as const;

/**
 * The tip form, one for both ways in: the public form (anonymous, plain questions) and the hotline
 * operator's (adds the short screen and the victim facts that start the 24-hour clock).
 */
export function TipForm({
  operator,
  onDone,
}: {
  operator: boolean;
  onDone: (r: { id: string; receipt: string }) => void;
}) {
  const { t } = useTranslation("tips");
  const [narrative, setNarrative] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [state, setState] = useState("");
  const [city, setCity] = useState("");
  const [indicators, setIndicators] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [age, setAge] = useState("");
  const [citizenship, setCitizenship] = useState<(typeof CITIZENSHIP)[number]>("unknown");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    const reporter = { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
    const victim = {
      ...(age ? { age: Number(age) } : {}),
      ...(citizenship !== "unknown" ? { citizenship } : {}),
    };
    const chosen = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== "unknown"));
    const body: SubmitTipRequest = {
      narrative,
      ...(Object.keys(reporter).length ? { reporter } : {}),
      ...(state || city
        ? { location: { ...(state ? { state } : {}), ...(city ? { city } : {}), country: "US" } }
        : {}),
      ...(Object.keys(victim).length ? { facts: { victim } } : {}),
      ...(indicators.length || Object.keys(chosen).length
        ? {
            screening: {
              ...(indicators.length ? { indicators } : {}),
              ...(Object.keys(chosen).length ? { answers: chosen } : {}),
            },
          }
        : {}),
    } as SubmitTipRequest;
    try {
      onDone(await tipsApi.submit(body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (code: string) =>
    setIndicators((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));

  return (
    <form className="usa-form usa-form--large" onSubmit={submit}>
      <ErrorAlert error={error} />
      <label className="usa-label" htmlFor="tip-narrative">
        {t("form.narrative")}
      </label>
      <span className="usa-hint" id="tip-narrative-hint">
        {t("form.narrativeHint")}
      </span>
      <textarea
        className="usa-textarea"
        id="tip-narrative"
        required
        maxLength={20000}
        aria-describedby="tip-narrative-hint"
        value={narrative}
        onChange={(e) => setNarrative(e.target.value)}
      />
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t("form.where")}</legend>
        <label className="usa-label" htmlFor="tip-state">
          {t("form.state")}
        </label>
        <input
          className="usa-input usa-input--small"
          id="tip-state"
          maxLength={2}
          pattern="[A-Za-z]{2}"
          value={state}
          onChange={(e) => setState(e.target.value.toUpperCase())}
        />
        <label className="usa-label" htmlFor="tip-city">
          {t("form.city")}
        </label>
        <input
          className="usa-input"
          id="tip-city"
          maxLength={120}
          value={city}
          onChange={(e) => setCity(e.target.value)}
        />
      </fieldset>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t("form.indicators")}</legend>
        {INDICATORS.map((code) => (
          <div className="usa-checkbox" key={code}>
            <input
              className="usa-checkbox__input"
              id={`ind-${code}`}
              type="checkbox"
              checked={indicators.includes(code)}
              onChange={() => toggle(code)}
            />
            <label className="usa-checkbox__label" htmlFor={`ind-${code}`}>
              {t(`indicators.${code}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {operator && (
        <>
          <fieldset className="usa-fieldset margin-top-3">
            <legend className="usa-legend">{t("form.screen")}</legend>
            {SCREEN.map((code) => (
              <div key={code} className="margin-top-1">
                <label className="usa-label" htmlFor={`q-${code}`}>
                  {t(`screen.${code}`)}
                </label>
                <select
                  className="usa-select"
                  id={`q-${code}`}
                  value={answers[code] ?? "unknown"}
                  onChange={(e) => setAnswers({ ...answers, [code]: e.target.value as Answer })}
                >
                  <option value="unknown">{t("answers.unknown")}</option>
                  <option value="yes">{t("answers.yes")}</option>
                  <option value="no">{t("answers.no")}</option>
                </select>
              </div>
            ))}
          </fieldset>
          <fieldset className="usa-fieldset margin-top-3">
            <legend className="usa-legend">{t("form.victim")}</legend>
            <label className="usa-label" htmlFor="tip-age">
              {t("form.age")}
            </label>
            <input
              className="usa-input usa-input--small"
              id="tip-age"
              type="number"
              min={0}
              max={130}
              value={age}
              onChange={(e) => setAge(e.target.value)}
            />
            <label className="usa-label" htmlFor="tip-citizenship">
              {t("form.citizenship")}
            </label>
            <select
              className="usa-select"
              id="tip-citizenship"
              value={citizenship}
              onChange={(e) => setCitizenship(e.target.value as (typeof CITIZENSHIP)[number])}
            >
              {CITIZENSHIP.map((c) => (
                <option key={c} value={c}>
                  {t(`citizenship.${c}`)}
                </option>
              ))}
            </select>
          </fieldset>
        </>
      )}
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t("form.contact")}</legend>
        <span className="usa-hint" id="tip-contact-hint">
          {t("form.contactHint")}
        </span>
        <label className="usa-label" htmlFor="tip-name">
          {t("form.name")}
        </label>
        <input
          className="usa-input"
          id="tip-name"
          maxLength={200}
          aria-describedby="tip-contact-hint"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label className="usa-label" htmlFor="tip-phone">
          {t("form.phone")}
        </label>
        <input
          className="usa-input"
          id="tip-phone"
          type="tel"
          maxLength={30}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <label className="usa-label" htmlFor="tip-email">
          {t("form.email")}
        </label>
        <input
          className="usa-input"
          id="tip-email"
          type="email"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </fieldset>
      <button className="usa-button margin-top-3" type="submit" disabled={busy}>
        {t("form.submit")}
      </button>
    </form>
  );
}
