import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import {
  ListNotificationsQuery,
  MarkReadBody,
  MarkReadResult,
  NotificationList,
  UnreadCount,
} from "./notifications.schema.ts";
import { listNotifications, markRead, unreadCount } from "./notifications.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody };

/** The signed-in user's own notifications (Contract 4). */
export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "Your notifications, newest first, and how many are unread",
        querystring: ListNotificationsQuery,
        response: { 200: NotificationList, ...errors },
      },
    },
    async (request) => listNotifications(app.store, callerOf(request), request.query),
  );
  r.get(
    "/api/v1/notifications/unread-count",
    {
      schema: {
        tags: ["notifications"],
        summary: "How many of your notifications are unread",
        response: { 200: UnreadCount, ...errors },
      },
    },
    async (request) => ({ unreadCount: await unreadCount(app.store, callerOf(request)) }),
  );
  r.post(
    "/api/v1/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark some or all of your notifications read",
        body: MarkReadBody,
        response: { 200: MarkReadResult, ...errors },
      },
    },
    async (request) => markRead(app.store, callerOf(request), request.body),
  );
}
