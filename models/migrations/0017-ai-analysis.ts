import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const RESULTS = 'medical_images_aianalysisresult';
const SCHEDULE = 'ris_schedule';
const RESULT_COLUMNS = ['status', 'pipeline_id', 'patient_fk_id', 'study_instance_uid', 'series_instance_uid', 'seg_sop_instance_uid',
  'sr_sop_instance_uid', 'suspicion', 'priority', 'requested_by_id', 'trigger', 'error', 'started_at', 'finished_at'] as const;
const SCHEDULE_COLUMNS = ['ai_suspicion', 'ai_summary', 'ai_analysis_id'] as const;

/**
 * The department AI pipelines (issue #6, seed §3.2.2, §4.1.5): an analysis row is also its own
 * job in a persisted queue (QUEUED → RUNNING → DONE | FAILED), so a restart loses no requested
 * work; it names the pipeline, the series it read and the DICOM SEG/SR it wrote back, carries the
 * chart's id for row scopes like every patient table, and how suspicious the result is. The RIS
 * entry of the study carries the AI flag that orders the reading worklist.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Rows from before this migration were finished analyses: DONE is the column default.
  await qi.addColumn(RESULTS, 'status', { ...col.requiredString(16), defaultValue: 'DONE' });
  await qi.addColumn(RESULTS, 'pipeline_id', col.string(32));
  // patients_patient.id and auth_user.id as plain columns (as in 0016) so SQLite can drop them again.
  await qi.addColumn(RESULTS, 'patient_fk_id', col.int());
  await qi.addColumn(RESULTS, 'study_instance_uid', col.string(64));
  await qi.addColumn(RESULTS, 'series_instance_uid', col.string(64));
  await qi.addColumn(RESULTS, 'seg_sop_instance_uid', col.string(64));
  await qi.addColumn(RESULTS, 'sr_sop_instance_uid', col.string(64));
  await qi.addColumn(RESULTS, 'suspicion', { ...col.int(false), defaultValue: 0 });
  await qi.addColumn(RESULTS, 'priority', { ...col.requiredString(8), defaultValue: 'ROUTINE' });
  await qi.addColumn(RESULTS, 'requested_by_id', col.int());
  await qi.addColumn(RESULTS, 'trigger', { ...col.requiredString(8), defaultValue: 'manual' });
  await qi.addColumn(RESULTS, 'error', col.string(1000));
  await qi.addColumn(RESULTS, 'started_at', col.date());
  await qi.addColumn(RESULTS, 'finished_at', col.date());
  await qi.sequelize.query(`UPDATE ${RESULTS} SET patient_fk_id = (SELECT i.patient_fk_id FROM medical_images_medicalimage i WHERE i.id = ${RESULTS}.image_id)`);
  // An image's analyses by pipeline (the auto trigger's "already analysed?"), and the queue: waiting jobs in order.
  await qi.addIndex(RESULTS, ['image_id', 'pipeline_id'], { name: 'aianalysisresult_image_pipeline' });
  await qi.addIndex(RESULTS, ['status', 'id'], { name: 'aianalysisresult_status' });
  await qi.addIndex(RESULTS, ['patient_fk_id', 'analysis_date'], { name: 'aianalysisresult_patient' });

  await qi.addColumn(SCHEDULE, 'ai_suspicion', { ...col.int(false), defaultValue: 0 });
  await qi.addColumn(SCHEDULE, 'ai_summary', col.string(500));
  await qi.addColumn(SCHEDULE, 'ai_analysis_id', col.int());
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const name of ['aianalysisresult_patient', 'aianalysisresult_status', 'aianalysisresult_image_pipeline']) await qi.removeIndex(RESULTS, name);
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of [...RESULT_COLUMNS].reverse()) await qi.sequelize.query(`ALTER TABLE ${RESULTS} DROP COLUMN ${qi.quoteIdentifier(column)}`);
  for (const column of [...SCHEDULE_COLUMNS].reverse()) await qi.sequelize.query(`ALTER TABLE ${SCHEDULE} DROP COLUMN ${column}`);
}
