import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const REPORT_COLUMNS = ['order_id', 'schedule_id', 'accession_number', 'study_description', 'version', 'signed_at', 'signed_by_id',
  'released_at', 'released_by_id', 'amendment_reason'] as const;

/**
 * Radiology reports join the imaging loop (issue #4, seed §3.2.3): each report belongs to one
 * RIS study (at most one report per study) and its OCS order, is signed and released to the
 * patient, and keeps every saved version in `radiology_report_revision` — the full history.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // ocs_order.id, the RIS schedule entry's id and auth_user ids: plain columns (as in 0005) so
  // SQLite can drop them again; the new revision table has real foreign keys.
  await qi.addColumn('radiology_report', 'order_id', col.int());
  await qi.addColumn('radiology_report', 'schedule_id', col.int());
  await qi.addColumn('radiology_report', 'accession_number', col.string(32));
  // What was imaged, copied from the procedure so the patient's portal can say 흉부 CT.
  await qi.addColumn('radiology_report', 'study_description', col.string(200));
  await qi.addColumn('radiology_report', 'version', { ...col.int(false), defaultValue: 1 });
  await qi.addColumn('radiology_report', 'signed_at', col.date());
  await qi.addColumn('radiology_report', 'signed_by_id', col.int());
  await qi.addColumn('radiology_report', 'released_at', col.date());
  await qi.addColumn('radiology_report', 'released_by_id', col.int());
  await qi.addColumn('radiology_report', 'amendment_reason', col.string(500));
  // One report per study, enforced by the database so two radiologists cannot both start one.
  // NULLs (reports written before RIS) do not collide on SQLite or MariaDB.
  await qi.addIndex('radiology_report', ['schedule_id'], { unique: true, name: 'radiology_report_schedule' });
  await qi.addIndex('radiology_report', ['order_id'], { name: 'radiology_report_order' });

  await qi.createTable('radiology_report_revision', {
    id: col.id(),
    report_id: col.fk('radiology_report', false),
    version: col.int(false),
    kind: col.requiredString(16),
    status: col.requiredString(16),
    findings: col.text(),
    conclusion: col.text(),
    recommendations: col.text(),
    report_content: col.text(),
    author_id: col.fk('auth_user'),
    reason: col.string(500),
    created_at: col.createdAt(),
  });
  await qi.addIndex('radiology_report_revision', ['report_id', 'id'], { name: 'radiology_report_revision_report' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('radiology_report_revision');
  await qi.removeIndex('radiology_report', 'radiology_report_order');
  await qi.removeIndex('radiology_report', 'radiology_report_schedule');
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of [...REPORT_COLUMNS].reverse()) {
    await qi.sequelize.query(`ALTER TABLE radiology_report DROP COLUMN ${column}`);
  }
}
