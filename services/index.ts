import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import ApiService from './gateway/api.service.js';
import AuthService from './identity/auth.service.js';
import StaffService from './identity/staff.service.js';
import AuditService from './identity/audit.service.js';
import PatientsService from './emr/patients.service.js';
import PatientStatusService from './emr/patient-status.service.js';
import RecordsService from './emr/records.service.js';
import AppointmentsService from './emr/appointments.service.js';
import NursingService from './emr/nursing.service.js';
import DoctorSchedulesService from './emr/doctor-schedules.service.js';
import InquiriesService from './emr/inquiries.service.js';
import PrescriptionsService from './emr/prescriptions.service.js';
import MedicationAdministrationService from './emr/medication-administration.service.js';
import LungScreeningService from './emr/lung-screening.service.js';
import BillingService from './billing/billing.service.js';
import PatientPortalService from './roles/patient.service.js';
import DoctorService from './roles/doctor.service.js';
import NurseService from './roles/nurse.service.js';
import FrontDeskService from './roles/front-desk.service.js';
import PublicSiteService from './roles/public-site.service.js';
import StatisticsService from './emr/statistics.service.js';
import OcsService from './ocs/ocs.service.js';
import PharmacyService from './ocs/pharmacy.service.js';
import LisService from './lis/lis.service.js';
import RisService from './ris/ris.service.js';
import RadiologyReportsService from './ris/radiology-reports.service.js';
import NotificationsService from './realtime/notifications.service.js';
import ChatService from './realtime/chat.service.js';
import CollabService from './realtime/collab.service.js';
import RadiographerService from './roles/radiographer.service.js';
import PacsService from './pacs/pacs.service.js';
import MedicalImagesService from './pacs/medical-images.service.js';
import RadiologistService from './roles/radiologist.service.js';
import InferenceService from './ai/inference.service.js';
import AiAnalysisService from './ai/analysis.service.js';

/** Every actor by name. CDSS_SERVICES picks names or the groups below. */
// Each schema is typed with its own `this`; the registry only needs them as opaque schemas.
export const SERVICES: Record<string, ServiceSchema<ServiceSettingSchema, never>> = {
  api: ApiService,
  auth: AuthService,
  staff: StaffService,
  audit: AuditService,
  patients: PatientsService,
  'patient-status': PatientStatusService,
  records: RecordsService,
  appointments: AppointmentsService,
  schedules: DoctorSchedulesService,
  inquiries: InquiriesService,
  nursing: NursingService,
  prescriptions: PrescriptionsService,
  mar: MedicationAdministrationService,
  screening: LungScreeningService,
  billing: BillingService,
  statistics: StatisticsService,
  ocs: OcsService,
  pharmacy: PharmacyService,
  lis: LisService,
  ris: RisService,
  'radiology-reports': RadiologyReportsService,
  notifications: NotificationsService,
  chat: ChatService,
  collab: CollabService,
  pacs: PacsService,
  'medical-images': MedicalImagesService,
  portal: PatientPortalService,
  doctor: DoctorService,
  nurse: NurseService,
  'front-desk': FrontDeskService,
  'public-site': PublicSiteService,
  radiographer: RadiographerService,
  radiologist: RadiologistService,
  inference: InferenceService,
  'ai-analysis': AiAnalysisService,
};

/** Groups that match the folders under services/. */
export const SERVICE_GROUPS: Record<string, string[]> = {
  gateway: ['api'],
  identity: ['auth', 'staff', 'audit'],
  emr: ['patients', 'patient-status', 'records', 'appointments', 'schedules', 'inquiries', 'nursing', 'prescriptions', 'mar', 'screening', 'statistics'],
  billing: ['billing'],
  ocs: ['ocs', 'pharmacy'],
  lis: ['lis'],
  ris: ['ris', 'radiology-reports'],
  realtime: ['notifications', 'chat', 'collab'],
  pacs: ['pacs', 'medical-images'],
  roles: ['portal', 'doctor', 'nurse', 'front-desk', 'radiographer', 'radiologist', 'public-site'],
  ai: ['inference', 'ai-analysis'],
  domain: [
    'auth', 'staff', 'audit', 'patients', 'patient-status', 'records', 'appointments', 'schedules', 'inquiries', 'nursing', 'prescriptions',
    'mar', 'screening', 'statistics', 'billing', 'ocs', 'pharmacy', 'lis', 'ris', 'radiology-reports', 'notifications', 'chat', 'collab',
    'pacs', 'medical-images', 'portal', 'doctor', 'nurse', 'front-desk', 'radiographer', 'radiologist', 'public-site', 'inference', 'ai-analysis',
  ],
};

/** Resolves CDSS_SERVICES entries (names or groups) to service names; null means all. */
export function resolveServices(selection: string[] | null): string[] {
  if (!selection) return Object.keys(SERVICES);
  const names = new Set<string>();
  for (const entry of selection) {
    const group = SERVICE_GROUPS[entry];
    if (group) group.forEach((n) => names.add(n));
    else if (SERVICES[entry]) names.add(entry);
    else throw new Error(`CDSS_SERVICES: unknown service or group '${entry}' (known: ${[...Object.keys(SERVICES), ...Object.keys(SERVICE_GROUPS)].join(', ')})`);
  }
  return [...names];
}
