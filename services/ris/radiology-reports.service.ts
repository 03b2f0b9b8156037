import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin } from '../../mixins/db.mixin.js';
import { reportViewActions } from './report-views.js';
import { reportWritingActions } from './report-writing.js';
import { reportMethods } from './report-workflow.js';
import { reportCollabActions, reportCollabHooks } from './report-collab.js';
import type { ReportsThis } from './report-types.js';

// The actor's parameter and answer types, importable from the service as before.
export type { CreateReportParams, ReportContentParams, ReportListParams, UpdateReportParams } from './report-params.js';
export type { PortalReport, ReportStatistics, ReportSummary } from './report-types.js';
export type { FinalizeReportParams, ReportCollabAccess, ReportContributor } from './report-collab.js';

/**
 * Radiology reports (seed §3.2.3, §4.5.4, issue #4 §5): the reading of one RIS study, written by
 * a radiologist as a draft, signed preliminary and final, amended with a reason — every version
 * kept as a revision — and released by a doctor to the patient. Signing notifies the ordering
 * doctor; the first final reading closes the study in RIS and the order in OCS, and an amendment
 * revises the order's result. The radiologist's screens (services/roles/radiologist.service.ts)
 * write through the actions here.
 *
 * The report is also edited live as the collaboration document `report:<id>` (issue #7):
 * `finalize` signs the document's text and a signature locks or reopens it.
 *
 * One actor in six files: report-views.ts (the reads), report-writing.ts (create, update,
 * release), report-collab.ts (the live document: access, finalize, contributors),
 * report-workflow.ts (the workflow rules as methods), report-params.ts (the parameters, shared
 * with the radiologist's routes) and report-types.ts (answers, `this`).
 */
const RadiologyReportsService: ServiceSchema<ServiceSettingSchema, ReportsThis> = {
  name: 'radiology-reports',
  mixins: [RbacMixin, DbMixin({ model: 'RadiologyReport', resourceType: 'RadiologyReport', patientColumn: 'patient_id' })],
  settings: { rest: '/radiology-reports' },
  hooks: reportCollabHooks,
  // Routes keep the order they were published in (moleculer-web matches in definition order).
  actions: { ...reportViewActions, ...reportWritingActions, ...reportCollabActions },
  methods: reportMethods,
};

export default RadiologyReportsService;
