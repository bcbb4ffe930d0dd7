import { useId, useLayoutEffect, useRef } from "react";

interface Props {
  heading: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A confirmation for an action that cannot be undone, as a native modal `<dialog>`: the browser
 * traps focus inside it, makes the page behind inert and closes it with Escape, with no script of
 * ours to get wrong. Render it only while it should be open.
 */
export function ConfirmDialog({ heading, text, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  // Before paint, so the dialog never shows for a frame as a non-modal box.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The safe choice gets the focus: Enter right away never destroys anything.
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="harbor-dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        // Escape: let React's state close it, so the state and the dialog never disagree.
        event.preventDefault();
        onCancel();
      }}
    >
      <div className="usa-modal">
        <div className="usa-modal__content">
          <div className="usa-modal__main">
            <h2 className="usa-modal__heading" id={`${id}-heading`}>
              {heading}
            </h2>
            <div className="usa-prose">
              <p id={`${id}-text`}>{text}</p>
            </div>
            <div className="usa-modal__footer">
              <ul className="usa-button-group">
                <li className="usa-button-group__item">
                  <button type="button" className="usa-button usa-button--secondary" onClick={onConfirm}>
                    {confirmLabel}
                  </button>
                </li>
                <li className="usa-button-group__item">
                  <button
                    ref={cancelRef}
                    type="button"
                    className="usa-button usa-button--outline"
                    onClick={onCancel}
                  >
                    {cancelLabel}
                  </button>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}
