import { createHash, randomUUID } from "node:crypto";
import { AppError } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { fieldCryptoOf, openRecord, sealRecord } from "../crypto/crypto.service.ts";
import { decryptBlob, encryptBlob, generateDataKey } from "../crypto/envelope.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import { checkedContentType } from "./attachments.content-types.ts";
import { ATTACHMENTS_TABLE, presentAttachment } from "./attachments.presenter.ts";
import { attachmentsRepository } from "./attachments.repository.ts";
import type { AttachmentViewT, DELETE_REASONS } from "./attachments.schema.ts";
import type { UploadedFile } from "./attachments.upload.ts";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const CONTENT_AT = (rowId: string) => ({ table: ATTACHMENTS_TABLE, column: "content_enc", rowId });

/**
 * Attaches a file to a case: its content checked against the allow-list (415, nothing stored), then encrypted under a key of its own, that key and the file name sealed under the row's
 * data key; one transaction with the timeline entry and the audit record (which names no file).
 */
export async function uploadAttachment(
  store: Store,
  caller: Caller,
  caseId: string,
  file: UploadedFile,
): Promise<AttachmentViewT> {
  const crypto = fieldCryptoOf(store);
  const outcome = await onCase(store, caller, caseId, "work", "attachment.upload", async (trx, kase) => {
    let contentType: string;
    try {
      contentType = await checkedContentType(file.data, file.filename, file.declaredType);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Refused: nothing is stored, but the attempt is on record (its reason code, never the file).
      await audit(trx, caller, {
        action: "attachment.upload",
        outcome: "failure",
        targetType: "case",
        targetIds: [kase.id],
        details: { reason: error.code, sizeBytes: file.data.length },
      });
      return { refused: error };
    }
    const id = randomUUID();
    const now = clock.now();
    const contentKey = generateDataKey();
    const contentEnc = encryptBlob(contentKey, CONTENT_AT(id), file.data);
    const { dataKeyId, sealed } = await sealRecord(
      trx,
      crypto,
      { table: ATTACHMENTS_TABLE, rowId: id, orgId: kase.org_id },
      { filename: file.filename, contentKey: contentKey.toString("base64") },
    );
    contentKey.fill(0);
    const row = {
      org_id: kase.org_id,
      id,
      case_id: kase.id,
      data_key_id: dataKeyId,
      filename_enc: sealed.filename ?? "",
      content_key_enc: sealed.contentKey ?? "",
      content_type: contentType,
      size_bytes: file.data.length,
      sha256: sha256(file.data),
      uploaded_by: caller.auth.userId,
      created_at: now,
    };
    await attachmentsRepository.insert(trx, { ...row, content_enc: contentEnc });
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "attachment.added",
      ref: { type: "attachment", id },
    });
    await audit(trx, caller, {
      action: "attachment.upload",
      outcome: "success",
      targetType: "attachment",
      targetIds: [id],
      details: { caseId: kase.id, contentType, sizeBytes: row.size_bytes },
    });
    return { view: { ...presentAttachment({ ...row, wrapped: null }, crypto), filename: file.filename } };
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome.view;
}

/** The attachments of a case the caller may read, newest first (without content); audited. */
export async function listAttachments(
  store: Store,
  caller: Caller,
  caseId: string,
): Promise<AttachmentViewT[]> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "read", "attachment.list", async (trx, kase) => {
    const rows = await attachmentsRepository.listOfCase(trx, caller.auth, kase);
    await audit(trx, caller, {
      action: "attachment.list",
      outcome: "success",
      targetType: "case",
      targetIds: [caseId],
      details: { count: rows.length },
    });
    return rows.map((r) => presentAttachment(r, crypto));
  });
}

/** A file to send: its checked bytes, type and name. */
export interface AttachmentContent {
  filename: string;
  contentType: string;
  data: Buffer;
}

const CORRUPT = { corrupt: true } as const;

/**
 * The decrypted content of an attachment the caller may read. The content must authenticate under
 * its key and hash to the SHA-256 recorded at upload; otherwise nothing is sent (a clear error, the
 * failure audited), never bytes other than those uploaded.
 */
export async function downloadAttachment(
  store: Store,
  caller: Caller,
  id: string,
): Promise<AttachmentContent> {
  const crypto = fieldCryptoOf(store);
  const result = await guarded(
    store.db,
    caller,
    { action: "attachment.download", targetType: "attachment", targetIds: [id] },
    async (trx) => {
      const row = await attachmentsRepository.getReadableWithContent(trx, caller.auth, id);
      if (!row) return HIDDEN;
      let opened: AttachmentContent | undefined;
      try {
        if (!row.wrapped) throw new Error("data key missing");
        const fields = openRecord<"filename" | "contentKey">(
          crypto,
          { table: ATTACHMENTS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
          { filename: row.filename_enc, contentKey: row.content_key_enc },
        );
        const key = Buffer.from(fields.contentKey ?? "", "base64");
        const data = decryptBlob(key, CONTENT_AT(row.id), row.content_enc);
        key.fill(0);
        if (data.length === row.size_bytes && sha256(data) === row.sha256)
          opened = { filename: fields.filename ?? "attachment", contentType: row.content_type, data };
      } catch {
        opened = undefined;
      }
      await audit(trx, caller, {
        action: "attachment.download",
        outcome: opened ? "success" : "failure",
        targetType: "attachment",
        targetIds: [id],
        details: opened
          ? { caseId: row.case_id, sizeBytes: row.size_bytes }
          : { caseId: row.case_id, reason: "integrity_check_failed" },
      });
      return opened ?? CORRUPT;
    },
  );
  if ("corrupt" in result)
    throw new AppError(
      500,
      "attachment_integrity_failed",
      "The stored file failed its integrity check (it was altered or damaged), so it was not sent. The failure is in the audit log.",
    );
  return result;
}

/** Deletes an attachment (content and name gone for good), by a writer on its case, with a reason code. */
export async function deleteAttachment(
  store: Store,
  caller: Caller,
  id: string,
  reason: (typeof DELETE_REASONS)[number],
): Promise<{ id: string; deleted: true }> {
  return guarded(
    store.db,
    caller,
    { action: "attachment.delete", targetType: "attachment", targetIds: [id] },
    async (trx) => {
      const row = await attachmentsRepository.getReadable(trx, caller.auth, id);
      if (!row) return HIDDEN;
      if (!mayOnCase(caller, row.relation, "work")) return FORBIDDEN;
      if (!(await attachmentsRepository.delete(trx, row))) return HIDDEN;
      await recordCaseActivity(
        trx,
        caller.auth,
        { id: row.case_id, org_id: row.org_id },
        { kind: "attachment.deleted", ref: { type: "attachment", id }, details: { reason } },
      );
      await audit(trx, caller, {
        action: "attachment.delete",
        outcome: "success",
        targetType: "attachment",
        targetIds: [id],
        details: { caseId: row.case_id, reason, contentType: row.content_type, sizeBytes: row.size_bytes },
      });
      return { id, deleted: true as const };
    },
  );
}
