import type { ReactNode } from "react";

/**
 * The facts forms' fields: a label, an optional hint, and the API's complaint about the field when the
 * last save named it (USWDS error state; the message is tied to the control by aria-describedby, and
 * the control is marked aria-invalid, so a screen reader reads it on focus).
 */

export interface FieldProps {
  id: string;
  value: string;
  onChange(value: string): void;
  /** The API's message about this field, after a 400 that named it. */
  error?: string | undefined;
}

interface Common extends FieldProps {
  label: string;
  hint?: string;
  required?: boolean;
}

function describedBy(p: Common): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Frame({ p, children }: { p: Common; children: ReactNode }) {
  return (
    <div className={`usa-form-group${p.error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${p.error ? " usa-label--error" : ""}`} htmlFor={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span className="usa-hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      )}
      {p.error && (
        <span className="usa-error-message" id={`${p.id}-error`}>
          {p.error}
        </span>
      )}
      {children}
    </div>
  );
}

/** A text, date or number input. */
export function TextInput(
  p: Common & { type?: "text" | "date" | "number"; inputMode?: "decimal" | "numeric" },
) {
  return (
    <Frame p={p}>
      <input
        className={`usa-input${p.error ? " usa-input--error" : ""}${p.type === "number" ? " usa-input--small" : ""}`}
        id={p.id}
        type={p.type ?? "text"}
        inputMode={p.inputMode}
        value={p.value}
        required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Frame>
  );
}

/** A longer text. */
export function TextArea(p: Common) {
  return (
    <Frame p={p}>
      <textarea
        className={`usa-textarea${p.error ? " usa-input--error" : ""}`}
        id={p.id}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Frame>
  );
}

/** A choice among options (value → label), with an empty choice when `empty` names it. */
export function Select(p: Common & { options: ReadonlyArray<readonly [string, string]>; empty?: string }) {
  return (
    <Frame p={p}>
      <select
        className={`usa-select${p.error ? " usa-input--error" : ""}`}
        id={p.id}
        value={p.value}
        required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
        onChange={(e) => p.onChange(e.target.value)}
      >
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {p.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A problem the page itself states (not an API answer), announced like the API's errors. */
export function Problem({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{text}</p>
      </div>
    </div>
  );
}
