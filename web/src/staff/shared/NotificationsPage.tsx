import { NotificationsPage } from '../../shared/notifications/NotificationsPage';

/** Every staff role's notification list: critical ones need an acknowledgement, not only a read. */
export default function StaffNotificationsPage() {
  return <NotificationsPage apiBase="/notifications" />;
}
