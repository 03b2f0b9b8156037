import { NotificationsPage } from '../shared/notifications/NotificationsPage';
import { portalLinkFor } from './notice-links';

/** `/patient/notifications`: what the hospital told the patient, each linked to its screen. */
export default function PatientNotifications() {
  return <NotificationsPage apiBase="/portal/notifications" linkFor={portalLinkFor} />;
}
