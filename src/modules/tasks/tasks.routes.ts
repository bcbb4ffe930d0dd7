import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { CreateTaskBody, MyTasksQuery, TaskParams, TaskView, UpdateTaskBody } from "./tasks.schema.ts";
import { addTask, listTasks, myTasks, updateTask } from "./tasks.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Tasks on a case and "my tasks". Thin: the service applies the policy. */
export async function tasksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/cases/:id/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "Add a task to a case",
        params: CaseParams,
        body: CreateTaskBody,
        response: { 201: TaskView, ...errors },
      },
    },
    async (request, reply) => {
      const task = await addTask(app.store, callerOf(request), request.params.id, request.body);
      sendVersion(reply, task.version);
      return reply.code(201).send(task);
    },
  );
  r.get(
    "/api/v1/cases/:id/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "The tasks of a case, soonest due first",
        params: CaseParams,
        response: { 200: z.object({ tasks: z.array(TaskView) }), ...errors },
      },
    },
    async (request) => ({ tasks: await listTasks(app.store, callerOf(request), request.params.id) }),
  );
  r.get(
    "/api/v1/me/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "Tasks assigned to you, soonest due first",
        querystring: MyTasksQuery,
        response: { 200: z.object({ tasks: z.array(TaskView) }), ...errors },
      },
    },
    async (request) => ({ tasks: await myTasks(app.store, callerOf(request), request.query) }),
  );
  r.patch(
    "/api/v1/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Change a task: title, assignee, due date, status (send If-Match)",
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: TaskView, 412: ErrorBody, 428: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const task = await updateTask(
        app.store,
        callerOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      sendVersion(reply, task.version);
      return task;
    },
  );
}
