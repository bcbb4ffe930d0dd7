import { z } from "zod";

export const NoteParams = z.object({ id: z.uuid() });

/** A note's text: free text, so sealed at rest; bounded like every narrative. */
const NoteText = z.string().trim().min(1).max(20_000);

export const CreateNoteBody = z.strictObject({ body: NoteText });
export const UpdateNoteBody = z.strictObject({ body: NoteText });
export type NoteInput = z.infer<typeof CreateNoteBody>;

export const NoteView = z.object({
  id: z.string(),
  caseId: z.string(),
  body: z.string(),
  authorUserId: z.string().nullable(),
  authorOrgId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NoteViewT = z.infer<typeof NoteView>;
