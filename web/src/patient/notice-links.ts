import type { Notification } from '../shared/notifications/types';

/** Where the portal shows what a notice is about. */
const SCREENS: Record<string, string> = {
  Appointment: '/patient/appointments',
  MedicalRecord: '/patient/records',
  RadiologyReport: '/patient/images',
  OcsOrder: '/patient/labs',
};

export const portalLinkFor = (n: Notification): string | null => SCREENS[n.related_resource_type ?? ''] ?? null;
