import type { ReactNode } from "react";

/** A labelled select over a code list; `labelOf` names each code in the reader's language. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  codes: readonly string[];
  labelOf: (code: string) => string;
  onChange: (value: string) => void;
  /** The label of an empty choice ("not recorded"), when the field may be empty. */
  empty?: string;
}) {
  return (
    <>
      <label className="usa-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        className="usa-select"
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.codes.map((c) => (
          <option key={c} value={c}>
            {props.labelOf(c)}
          </option>
        ))}
      </select>
    </>
  );
}

/** A fieldset of checkboxes over a code list (several may apply). */
export function CheckboxesField(props: {
  id: string;
  legend: string;
  values: readonly string[];
  codes: readonly string[];
  labelOf: (code: string) => string;
  onChange: (values: string[]) => void;
  hint?: ReactNode;
}) {
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.values, code] : props.values.filter((v) => v !== code));
  return (
    <fieldset className="usa-fieldset margin-top-2">
      <legend className="usa-legend">{props.legend}</legend>
      {props.hint}
      {props.codes.map((code) => (
        <div className="usa-checkbox" key={code}>
          <input
            className="usa-checkbox__input"
            id={`${props.id}-${code}`}
            type="checkbox"
            checked={props.values.includes(code)}
            onChange={(e) => toggle(code, e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor={`${props.id}-${code}`}>
            {props.labelOf(code)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A labelled text, date or number input. */
export function InputField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date" | "number";
  hint?: string;
  required?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <>
      <label className="usa-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <span className="usa-hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <input
        className={`usa-input${props.type === "number" ? " usa-input--small" : ""}`}
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        required={props.required}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}
