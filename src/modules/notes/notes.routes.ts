import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { CreateNoteBody, NoteParams, NoteView, UpdateNoteBody } from "./notes.schema.ts";
import { addNote, editNote, listNotes } from "./notes.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Notes on a case: add, list, edit (If-Match). Thin: the service applies the policy and seals the text. */
export async function notesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/cases/:id/notes",
    {
      schema: {
        tags: ["notes"],
        summary: "Add a note to a case (the text is encrypted at rest)",
        params: CaseParams,
        body: CreateNoteBody,
        response: { 201: NoteView, ...errors },
      },
    },
    async (request, reply) => {
      const note = await addNote(app.store, callerOf(request), request.params.id, request.body);
      sendVersion(reply, note.version);
      return reply.code(201).send(note);
    },
  );
  r.get(
    "/api/v1/cases/:id/notes",
    {
      schema: {
        tags: ["notes"],
        summary: "The notes of a case, newest first",
        params: CaseParams,
        response: { 200: z.object({ notes: z.array(NoteView) }), ...errors },
      },
    },
    async (request) => ({ notes: await listNotes(app.store, callerOf(request), request.params.id) }),
  );
  r.patch(
    "/api/v1/notes/:id",
    {
      schema: {
        tags: ["notes"],
        summary: "Edit your note (send If-Match with the version you edited)",
        params: NoteParams,
        body: UpdateNoteBody,
        response: { 200: NoteView, 412: ErrorBody, 428: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const note = await editNote(
        app.store,
        callerOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      sendVersion(reply, note.version);
      return note;
    },
  );
}
