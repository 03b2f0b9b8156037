/** A notification as GET /notifications (staff) and GET /portal/notifications (patients) answer it. */
export interface Notification {
  id: number;
  notification_type: string;
  title: string;
  message: string | null;
  is_read: boolean;
  requires_ack: boolean;
  acknowledged_at: string | null;
  related_resource_type: string | null;
  related_resource_id: string | null;
  created_at: string;
}

export interface UnreadCount {
  unread: number;
  /** Critical notices not yet acknowledged (staff only; always 0 for patients). */
  unacknowledged: number;
}
