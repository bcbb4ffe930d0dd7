import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session.tsx";
import { caseworkApi, type NoteView } from "./casework.api.ts";
import { ErrorAlert, SuccessAlert } from "./shared.tsx";
import { isStale, VersionConflict } from "./VersionConflict.tsx";

/** Edits one's own note in place; a 412 keeps the edit, shows the saved text, and saving again applies it. */
function NoteEditor({
  note,
  onSaved,
  onCancel,
}: {
  note: NoteView;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("casework");
  const [body, setBody] = useState(note.body);
  const [base, setBase] = useState(note);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<unknown>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await caseworkApi.editNote(note.id, base.version, body);
      onSaved();
    } catch (e) {
      if (!isStale(e)) return setError(e);
      const current = (await caseworkApi.notes(note.caseId)).notes.find((n) => n.id === note.id);
      if (current) setBase(current);
      setStale(true);
    }
  }
  return (
    <form className="usa-form usa-form--large" onSubmit={submit}>
      <ErrorAlert error={error} />
      {stale && (
        <VersionConflict version={base.version} fields={[{ label: t("notes.saved"), current: base.body }]} />
      )}
      <label className="usa-label" htmlFor={`note-edit-${note.id}`}>
        {t("notes.editLabel")}
      </label>
      <textarea
        className="usa-textarea"
        id={`note-edit-${note.id}`}
        value={body}
        required
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="usa-button-group margin-top-1">
        <button className="usa-button" type="submit">
          {stale ? t("edit.reapply") : t("notes.save")}
        </button>
        <button className="usa-button usa-button--unstyled" type="button" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/** The case's notes, newest first; anyone who works the case adds one, and each author edits their own. */
export function CaseNotes({
  caseId,
  canWrite,
  onChanged,
}: {
  caseId: string;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation("casework");
  const { user } = useSession();
  const [notes, setNotes] = useState<NoteView[]>();
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const loadNotes = useCallback(() => {
    caseworkApi.notes(caseId).then((r) => setNotes(r.notes), setError);
  }, [caseId]);
  useEffect(loadNotes, [loadNotes]);
  const load = () => {
    loadNotes();
    onChanged();
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      await caseworkApi.addNote(caseId, text);
      setText("");
      setDone(t("notes.added"));
      load();
    } catch (e) {
      setError(e);
    }
  }
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <section aria-labelledby="case-notes-heading" data-testid="case-notes">
      <h2 id="case-notes-heading">{t("notes.heading")}</h2>
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      {notes?.length === 0 && <p>{t("notes.empty")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {notes?.map((note) => (
          <li key={note.id} className="border-bottom-1px border-base-lighter padding-y-1">
            <p className="text-base margin-y-05">
              <time dateTime={note.createdAt}>{when(note.createdAt)}</time>
              {note.authorUserId === user?.id && ` · ${t("notes.yours")}`}
              {note.version > 1 && ` · ${t("notes.edited")}`}
            </p>
            {editing === note.id ? (
              <NoteEditor
                note={note}
                onCancel={() => setEditing(undefined)}
                onSaved={() => {
                  setEditing(undefined);
                  setDone(t("notes.savedDone"));
                  load();
                }}
              />
            ) : (
              <>
                <p className="harbor-narrative margin-y-05">{note.body}</p>
                {canWrite && note.authorUserId === user?.id && (
                  <button
                    className="usa-button usa-button--unstyled"
                    type="button"
                    onClick={() => setEditing(note.id)}
                  >
                    {t("notes.edit")}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="usa-form usa-form--large" onSubmit={add}>
          <label className="usa-label" htmlFor="note-new">
            {t("notes.newLabel")}
          </label>
          <textarea
            className="usa-textarea"
            id="note-new"
            value={text}
            required
            onChange={(e) => setText(e.target.value)}
          />
          <button className="usa-button margin-top-1" type="submit">
            {t("notes.add")}
          </button>
        </form>
      )}
    </section>
  );
}
