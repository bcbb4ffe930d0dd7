import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type Answer, type AnswerLang, answerLang, evaluate, type Facts } from "./api.ts";
import { NavigatorResults } from "./NavigatorResults.tsx";
import { INITIAL, type NavigatorState, stepOf, type TriState, toFacts } from "./navigator.state.ts";
import { CITIZENSHIP, EXPLOITATION, NEEDS, REQUESTERS, VISA } from "./vocabulary.ts";

const STEPS = ["who", "person", "what", "where"] as const;
type Set = (patch: Partial<NavigatorState>) => void;

function Radios(props: {
  name: string;
  legend: string;
  options: readonly string[];
  label: (v: string) => string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend text-bold">{props.legend}</legend>
      {props.options.map((o) => (
        <div className="usa-radio" key={o}>
          <input
            className="usa-radio__input"
            id={`${props.name}-${o}`}
            type="radio"
            name={props.name}
            value={o}
            checked={props.value === o}
            onChange={() => props.onChange(o)}
          />
          <label className="usa-radio__label" htmlFor={`${props.name}-${o}`}>
            {props.label(o)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Checks(props: {
  name: string;
  legend: string;
  hint: string;
  options: readonly string[];
  label: (v: string) => string;
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="usa-fieldset margin-top-3" aria-describedby={`${props.name}-hint`}>
      <legend className="usa-legend text-bold">{props.legend}</legend>
      <span className="usa-hint" id={`${props.name}-hint`}>
        {props.hint}
      </span>
      {props.options.map((o) => (
        <div className="usa-checkbox" key={o}>
          <input
            className="usa-checkbox__input"
            id={`${props.name}-${o}`}
            type="checkbox"
            checked={props.value.includes(o)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...props.value, o] : props.value.filter((x) => x !== o))
            }
          />
          <label className="usa-checkbox__label" htmlFor={`${props.name}-${o}`}>
            {props.label(o)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Step({ step, s, set }: { step: number; s: NavigatorState; set: Set }) {
  const { t } = useTranslation("directory");
  const q = (path: string) => t(`navigator.questions.${path}`);
  const tri = (key: keyof NavigatorState, path: string) => (
    <Radios
      name={key}
      legend={q(path)}
      options={["yes", "no", "unknown"]}
      label={(v) => t(`navigator.${v}`)}
      value={s[key] as string}
      onChange={(v) => set({ [key]: v as TriState })}
    />
  );
  if (step === 0) {
    return (
      <>
        <Radios
          name="requester"
          legend={q("requester")}
          options={[...REQUESTERS, ""]}
          label={(v) => (v ? t(`navigator.requester.${v}`) : t("navigator.unknown"))}
          value={s.requester}
          onChange={(v) => set({ requester: v })}
        />
        <Checks
          name="needs"
          legend={q("needs")}
          hint={t("navigator.checkAll")}
          options={NEEDS}
          label={(v) => t(`navigator.needs.${v}`)}
          value={s.needs}
          onChange={(v) => set({ needs: v })}
        />
      </>
    );
  }
  if (step === 1) {
    return (
      <>
        <label className="usa-label text-bold" htmlFor="age">
          {t("navigator.ageLabel")}
        </label>
        <input
          className="usa-input usa-input--small"
          id="age"
          type="number"
          inputMode="numeric"
          min={0}
          max={130}
          value={s.age}
          onChange={(e) => set({ age: e.target.value })}
        />
        <Radios
          name="citizenship"
          legend={q("victim.citizenship")}
          options={CITIZENSHIP}
          label={(v) => t(`navigator.citizenship.${v}`)}
          value={s.citizenship}
          onChange={(v) => set({ citizenship: v })}
        />
        <Radios
          name="visa"
          legend={q("victim.nonimmigrantVisa")}
          options={VISA}
          label={(v) => t(`navigator.visa.${v}`)}
          value={s.visa}
          onChange={(v) => set({ visa: v })}
        />
      </>
    );
  }
  if (step === 2) {
    return (
      <>
        <Checks
          name="exploitation"
          legend={q("exploitation")}
          hint={t("navigator.checkAll")}
          options={EXPLOITATION}
          label={(v) => t(`navigator.exploitation.${v}`)}
          value={s.exploitation}
          onChange={(v) => set({ exploitation: v })}
        />
        {tri("agriculture", "labor.agricultureOrMigrantWork")}
        {tri("wage", "labor.wageOrHourViolations")}
        {tri("international", "labor.internationalChildOrForcedLabor")}
        {tri("online", "online")}
        {tri("nationalSecurity", "nationalSecurity")}
      </>
    );
  }
  return (
    <>
      {tri("inUnitedStates", "location.inUnitedStates")}
      {tri("abroad", "location.abroad")}
    </>
  );
}

/** The guided navigator: a few plain-language questions, then who can help, why, and what to ask next. */
export function NavigatorPage() {
  const { t, i18n } = useTranslation("directory");
  usePageTitle(t("navigator.title"));
  const lang = answerLang(i18n.resolvedLanguage ?? i18n.language);
  const [step, setStep] = useState(0);
  const [s, setS] = useState(INITIAL);
  // The facts whose answer is on screen (null before "show"): asked again when the language switches.
  const [asked, setAsked] = useState<Facts | null>(null);
  const [result, setResult] = useState<{
    answer?: Answer;
    lang?: AnswerLang;
    loading?: boolean;
    error?: boolean;
  } | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const set: Set = (patch) => setS((prev) => ({ ...prev, ...patch }));

  // Focus follows the step (not on first render), so keyboard and screen-reader users land on the new questions.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect must run each time the step changes
  useEffect(() => {
    if (moved.current) stepHeading.current?.focus();
  }, [step]);
  const go = (n: number) => {
    moved.current = true;
    setStep(n);
  };
  const show = () => {
    setResult({ loading: true });
    resultsHeading.current?.focus();
    setAsked(toFacts(s));
  };
  // The answer's reasons come from the API in the page's language; on a switch the old answer stays
  // (marked with its own language) until the new one arrives.
  useEffect(() => {
    if (!asked) return;
    const controller = new AbortController();
    evaluate(asked, lang, controller.signal)
      .then((answer) => setResult({ answer, lang }))
      .catch(() => {
        if (!controller.signal.aborted) setResult({ error: true });
      });
    return () => controller.abort();
  }, [asked, lang]);

  return (
    <>
      <h1>{t("navigator.title")}</h1>
      <p className="usa-intro">{t("navigator.intro")}</p>
      <div className="usa-alert usa-alert--info usa-alert--slim">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{t("navigator.emergency")}</p>
        </div>
      </div>
      <form
        className="usa-form maxw-tablet"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <h2 ref={stepHeading} tabIndex={-1} className="margin-top-3">
          <span className="usa-sr-only">{t("navigator.stepOf", { n: step + 1, total: STEPS.length })}: </span>
          {t(`navigator.steps.${STEPS[step]}`)}
        </h2>
        <p aria-hidden="true" className="text-base-dark margin-0">
          {t("navigator.stepOf", { n: step + 1, total: STEPS.length })}
        </p>
        <Step step={step} s={s} set={set} />
        <div className="margin-top-4">
          {step > 0 && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => go(step - 1)}>
              {t("navigator.back")}
            </button>
          )}
          {step < STEPS.length - 1 && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => go(step + 1)}>
              {t("navigator.next")}
            </button>
          )}
          <button type="submit" className="usa-button">
            {t("navigator.show")}
          </button>
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-left-2"
            onClick={() => {
              setS(INITIAL);
              setAsked(null);
              setResult(null);
              go(0);
            }}
          >
            {t("navigator.startOver")}
          </button>
        </div>
      </form>
      <section aria-labelledby="results-heading" className="margin-top-5">
        <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
          {t("navigator.results.heading")}
        </h2>
        <div aria-live="polite">
          {result?.loading && <p>{t("navigator.results.loading")}</p>}
          {result?.error && <p>{t("navigator.results.error")}</p>}
          {result?.answer && (
            <NavigatorResults
              answer={result.answer}
              lang={result.lang ?? "en"}
              onAnswer={(fact) => go(stepOf(fact))}
            />
          )}
        </div>
      </section>
    </>
  );
}
