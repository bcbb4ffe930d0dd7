import { randomUUID } from "node:crypto";
import { staleVersion } from "../../server/versioning.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { indexText } from "../search/search.index.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import { NOTES_TABLE, presentNote } from "./notes.presenter.ts";
import { notesRepository } from "./notes.repository.ts";
import type { NoteInput, NoteViewT } from "./notes.schema.ts";

/** Adds a note to a case: the text sealed under a new data key, indexed for search, audited. */
export async function addNote(
  store: Store,
  caller: Caller,
  caseId: string,
  input: NoteInput,
): Promise<NoteViewT> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "work", "note.create", async (trx, kase) => {
    const id = randomUUID();
    const now = clock.now();
    const { dataKeyId, sealed } = await sealRecord(
      trx,
      crypto,
      { table: NOTES_TABLE, rowId: id, orgId: kase.org_id },
      {
        body: input.body,
      },
    );
    const row = {
      org_id: kase.org_id,
      id,
      case_id: kase.id,
      data_key_id: dataKeyId,
      body_enc: sealed.body ?? "",
      author_user_id: caller.auth.userId,
      author_org_id: caller.auth.orgId,
      created_at: now,
    };
    await notesRepository.insert(trx, row);
    await indexText(trx, {
      orgId: kase.org_id,
      caseId: kase.id,
      recordType: "note",
      recordId: id,
      field: "body",
      text: input.body,
    });
    await recordCaseActivity(trx, caller.auth, kase, { kind: "note.added", ref: { type: "note", id } });
    await audit(trx, caller, {
      action: "note.create",
      outcome: "success",
      targetType: "note",
      targetIds: [id],
      details: { caseId },
    });
    return {
      id,
      caseId: kase.id,
      body: input.body,
      authorUserId: caller.auth.userId,
      authorOrgId: caller.auth.orgId,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
  });
}

/** The notes of a case the caller may read, newest first; the read is audited (notes are free text). */
export async function listNotes(store: Store, caller: Caller, caseId: string): Promise<NoteViewT[]> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "read", "note.list", async (trx, kase) => {
    const rows = await notesRepository.listOfCase(trx, caller.auth, kase);
    await audit(trx, caller, {
      action: "note.list",
      outcome: "success",
      targetType: "case",
      targetIds: [caseId],
      details: { count: rows.length },
    });
    return rows.map((r) => presentNote(r, crypto));
  });
}

/**
 * Replaces a note's text, from the version the caller read (If-Match): 412 with the current version
 * when someone else changed it first. Only its author edits a note (a note is someone's account).
 */
export async function editNote(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: NoteInput,
): Promise<NoteViewT> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "note.update", targetType: "note", targetIds: [id] },
    async (trx) => {
      const row = await notesRepository.getReadable(trx, caller.auth, id);
      if (!row) return HIDDEN;
      if (!mayOnCase(caller, row.relation, "work") || row.author_user_id !== caller.auth.userId)
        return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const now = clock.now();
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        crypto,
        { table: NOTES_TABLE, rowId: id, orgId: row.org_id },
        {
          body: input.body,
        },
      );
      const updated = await notesRepository.updateIfVersion(trx, row, expected, {
        data_key_id: dataKeyId,
        body_enc: sealed.body ?? "",
        updated_at: now,
        updated_by: caller.auth.userId,
      });
      if (!updated) {
        const current = await notesRepository.getReadable(trx, caller.auth, id);
        throw staleVersion(current?.version ?? expected + 1);
      }
      await indexText(trx, {
        orgId: row.org_id,
        caseId: row.case_id,
        recordType: "note",
        recordId: id,
        field: "body",
        text: input.body,
      });
      await recordCaseActivity(
        trx,
        caller.auth,
        { id: row.case_id, org_id: row.org_id },
        { kind: "note.edited", ref: { type: "note", id } },
      );
      await audit(trx, caller, {
        action: "note.update",
        outcome: "success",
        targetType: "note",
        targetIds: [id],
        details: { caseId: row.case_id, version: updated.version },
      });
      return {
        ...presentNote(
          { ...row, version: updated.version, updated_at: now, body_enc: "", wrapped: null },
          crypto,
        ),
        body: input.body,
      };
    },
  );
}
