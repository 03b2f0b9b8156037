import { Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import { dialectOf } from './database.js';
import * as identityPatientsAudit from './migrations/0001-identity-patients-audit.js';
import * as clinical from './migrations/0002-clinical-imaging-communication.js';
import * as patientIdentifiers from './migrations/0003-patient-identifiers.js';
import * as recordVersions from './migrations/0004-record-versions.js';
import * as prescriptionDetails from './migrations/0005-prescription-details.js';
import * as medicationAdministration from './migrations/0006-medication-administration.js';
import * as billing from './migrations/0007-billing.js';
import * as doctorSchedules from './migrations/0008-doctor-schedules.js';
import * as scaleIndexes from './migrations/0009-scale-indexes.js';
import * as billServicePeriod from './migrations/0010-bill-service-period.js';
import * as ocsOrders from './migrations/0011-ocs-orders.js';
import * as lis from './migrations/0012-lis.js';
import * as risSchedules from './migrations/0013-ris-schedules.js';
import * as radiologyReportHistory from './migrations/0014-radiology-report-history.js';
import * as pacsIndex from './migrations/0015-pacs-index.js';
import * as imageQc from './migrations/0016-image-qc.js';
import * as aiAnalysis from './migrations/0017-ai-analysis.js';
import * as collab from './migrations/0018-collab.js';
import * as notificationAck from './migrations/0019-notification-ack.js';
import * as chatPatients from './migrations/0020-chat-patients.js';
import * as patientNotifications from './migrations/0021-patient-notifications.js';
import * as appointmentInquiries from './migrations/0022-appointment-inquiries.js';

type Migration = { up(p: { context: QueryInterface }): Promise<void>; down(p: { context: QueryInterface }): Promise<void> };

/** The ordered migration list; imported statically so the compiled build needs no file globbing. */
const MIGRATIONS: [string, Migration][] = [
  ['0001-identity-patients-audit', identityPatientsAudit],
  ['0002-clinical-imaging-communication', clinical],
  ['0003-patient-identifiers', patientIdentifiers],
  ['0004-record-versions', recordVersions],
  ['0005-prescription-details', prescriptionDetails],
  ['0006-medication-administration', medicationAdministration],
  ['0007-billing', billing],
  ['0008-doctor-schedules', doctorSchedules],
  ['0009-scale-indexes', scaleIndexes],
  ['0010-bill-service-period', billServicePeriod],
  ['0011-ocs-orders', ocsOrders],
  ['0012-lis', lis],
  ['0013-ris-schedules', risSchedules],
  ['0014-radiology-report-history', radiologyReportHistory],
  ['0015-pacs-index', pacsIndex],
  ['0016-image-qc', imageQc],
  ['0017-ai-analysis', aiAnalysis],
  ['0018-collab', collab],
  ['0019-notification-ack', notificationAck],
  ['0020-chat-patients', chatPatients],
  ['0021-patient-notifications', patientNotifications],
  ['0022-appointment-inquiries', appointmentInquiries],
];

function umzugFor(sequelize: Sequelize) {
  return new Umzug({
    migrations: MIGRATIONS.map(([name, m]) => ({ name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'cdss_migrations' }),
    logger: undefined,
  });
}

/**
 * Applies pending migrations. On MySQL/MariaDB a named lock makes concurrent starters (several
 * pods) take turns, so each migration runs once.
 */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const run = async () => (await umzugFor(sequelize).up()).map((m) => m.name);
  if (dialectOf(sequelize) !== 'mysql') return run();
  // A named lock belongs to one connection: a transaction pins it for the lock's lifetime.
  return sequelize.transaction(async (transaction) => {
    await sequelize.query("SELECT GET_LOCK('cdss_migrations', 120)", { transaction });
    try {
      return await run();
    } finally {
      await sequelize.query("SELECT RELEASE_LOCK('cdss_migrations')", { transaction });
    }
  });
}

/** Reverts every migration (tests use it to prove `down` works on both dialects). */
export async function migrateDownAll(sequelize: Sequelize): Promise<void> {
  await umzugFor(sequelize).down({ to: 0 });
}
