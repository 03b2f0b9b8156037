import { mkdir } from 'node:fs/promises';
import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin } from '../../mixins/db.mixin.js';
import { bookingActions } from './booking-actions.js';
import { scheduleListActions } from './schedule-list-actions.js';
import { worklistActions } from './worklist-actions.js';
import { acquisitionActions, acquisitionEvents } from './acquisition-actions.js';
import { studyActions } from './study-actions.js';
import { pacsLinkActions } from './pacs-link-actions.js';
import { aiFlagActions } from './ai-flag-actions.js';
import { risMethods } from './ris-methods.js';
import type { RisThis } from './ris-types.js';

export type { ImagingStatusChanged, WorklistItem } from './ris-types.js';
export type { AiFlagAnswer, AiFlagParams } from './ai-flag-actions.js';
export type { RescheduleParams, ScheduleListParams, ScheduleParams, WorklistParams } from './ris-params.js';

/**
 * RIS (seed §5.2.2 RIS, §2.5, §4.5): imaging orders become schedule entries in a modality room
 * with an accession number and a Study Instance UID; each open entry is a DICOM Modality Worklist
 * file in CDSS_WORKLIST_DIR (served by Orthanc's worklist plugin to the modalities' C-FIND) and an
 * item of the JSON worklist; the entry then moves 촬영대기 → 촬영중 → 촬영완료 → 판독대기 → 판독중 →
 * 판독완료, driving the OCS order (SCHEDULED → IN_PROGRESS → ACQUIRED → REPORTED).
 *
 * Each step that moves the order stores its own change first and then calls `ocs.transition`;
 * when OCS refuses, the stored change is undone (the OCS machine cannot step back, this table can).
 *
 * The actions live by topic next to this file: booking-actions.ts (requests, rooms, book,
 * reschedule), schedule-list-actions.ts (list, show), worklist-actions.ts (JSON worklist, rebuild),
 * acquisition-actions.ts (start, complete, the order-cancelled listener), study-actions.ts (the
 * internal reading steps), ai-flag-actions.ts (the AI flag the reading worklist sorts by); the
 * shared steps are in ris-methods.ts.
 */
const RisService: ServiceSchema<ServiceSettingSchema, RisThis> = {
  name: 'ris',
  mixins: [RbacMixin, DbMixin({ model: 'RisSchedule', resourceType: 'RisSchedule', patientColumn: 'patient_id' })],
  settings: { rest: '/ris' },

  // Static paths come before `/schedules/:id` within each group (moleculer-web matches in order).
  actions: {
    ...bookingActions,
    ...scheduleListActions,
    ...worklistActions,
    ...acquisitionActions,
    ...studyActions,
    ...pacsLinkActions,
    ...aiFlagActions,
  },

  events: {
    ...acquisitionEvents,
  },

  methods: {
    ...risMethods,
  },

  async started(this: RisThis) {
    await mkdir(this.worklistDir(), { recursive: true });
  },
};

export default RisService;
