import { api, type ResponseOf, unwrap } from "../../apiClient.ts";

export type NotificationView = ResponseOf<"/api/v1/notifications", "get">["notifications"][number];

/** The signed-in user's notifications. */
export const notificationsApi = {
  list: () => unwrap(api.GET("/api/v1/notifications")),
  unreadCount: () => unwrap(api.GET("/api/v1/notifications/unread-count")),
  markAllRead: () => unwrap(api.POST("/api/v1/notifications/read", { body: { all: true } })),
  markRead: (ids: string[]) => unwrap(api.POST("/api/v1/notifications/read", { body: { ids } })),
};
