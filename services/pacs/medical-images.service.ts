import { SerialByKey } from '../../lib/serial-by-key.js';
import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin } from '../../mixins/db.mixin.js';
import { imageActions } from './medical-images-actions.js';
import { aiActions } from './medical-images-ai.js';
import { ingestActions, ingestEvents } from './medical-images-ingest.js';
import { portalActions } from './medical-images-portal.js';
import { recordMethods } from './medical-images-records.js';
import { uploadActions } from './upload-actions.js';
import type { MedicalImagesThis } from './medical-images-types.js';

export type { ImageRecorded, MedicalImageAnswer, PacsStudyInfo, StudyStable } from './medical-images-types.js';
export type { UploadAnswer, UploadParams } from './upload-actions.js';
export type { DownloadParams } from './medical-images-download.js';

/**
 * Image records (seed §3.2.1 `medical_images_medicalimage`, one row per study) kept in step with
 * the PACS: uploads of DICOM files and photos (upload-actions.ts), studies the PACS calls stable
 * (medical-images-ingest.ts), the quality check and its resolution, lists with the department
 * filters, downloads, and the patient's own images in the portal. Rows are scoped by
 * `patient_fk_id` (the chart's patients_patient.id) like every other patient table. Each row
 * written is announced as `image.recorded` (medical-images-types.ts ImageRecorded).
 *
 * The actions live by topic next to this file: medical-images-actions.ts (list, get, download, QC
 * resolution), upload-actions.ts (+ upload-validation.ts), medical-images-ingest.ts (the
 * `study.stable` listener), medical-images-portal.ts, medical-images-ai.ts (what an AI analysis
 * changes on the row); the shared record keeping is in medical-images-records.ts.
 */
const MedicalImagesService: ServiceSchema<ServiceSettingSchema, MedicalImagesThis> = {
  name: 'medical-images',
  mixins: [RbacMixin, DbMixin({ model: 'MedicalImage', resourceType: 'MedicalImage', patientColumn: 'patient_fk_id' })],
  settings: { rest: '/medical-images' },

  actions: {
    ...imageActions,
    ...uploadActions,
    ...ingestActions,
    ...portalActions,
    ...aiActions,
  },

  events: {
    ...ingestEvents,
  },

  methods: {
    ...recordMethods,
  },

  created(this: MedicalImagesThis) {
    this.studyLocks = new SerialByKey();
  },
};

export default MedicalImagesService;
