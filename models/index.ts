import type { Sequelize } from 'sequelize';
import { defineAuthUser } from './auth-user.js';
import { definePatientUser } from './patient-user.js';
import { defineStaffProfile } from './staff-profile.js';
import { definePatient } from './patient.js';
import { defineCareTeamMember } from './care-team-member.js';
import { defineRefreshToken } from './refresh-token.js';
import { defineActivityLog, defineAuditChainHead } from './activity-log.js';
import { defineClinicalModels } from './clinical.js';
import { defineBillingModels } from './billing.js';
import { defineDoctorSchedule } from './doctor-schedule.js';
import { defineOcsModels } from './ocs-order.js';
import { defineLisModels } from './lis.js';
import { defineRisModels } from './ris.js';
import { definePacsModels } from './pacs.js';
import { defineCollabModels } from './collab.js';

/**
 * Defines every model on one Sequelize instance. Models are defined per instance (not as global
 * classes) so one process can hold several databases — the seed's "DB per service" (§5.2.1).
 */
export function defineModels(sequelize: Sequelize) {
  const models = {
    AuthUser: defineAuthUser(sequelize),
    PatientUser: definePatientUser(sequelize),
    Doctor: defineStaffProfile(sequelize, 'doctor'),
    Nurse: defineStaffProfile(sequelize, 'nurse'),
    AdministrativeStaff: defineStaffProfile(sequelize, 'front_desk'),
    RadiologyTechnician: defineStaffProfile(sequelize, 'radiology_technician'),
    RadiologyDoctor: defineStaffProfile(sequelize, 'radiologist'),
    Patient: definePatient(sequelize),
    CareTeamMember: defineCareTeamMember(sequelize),
    RefreshToken: defineRefreshToken(sequelize),
    ActivityLog: defineActivityLog(sequelize),
    AuditChainHead: defineAuditChainHead(sequelize),
    DoctorSchedule: defineDoctorSchedule(sequelize),
    ...defineClinicalModels(sequelize),
    ...defineBillingModels(sequelize),
    ...defineOcsModels(sequelize),
    ...defineLisModels(sequelize),
    ...defineRisModels(sequelize),
    ...definePacsModels(sequelize),
    ...defineCollabModels(sequelize),
  };
  models.Patient.hasMany(models.CareTeamMember, { foreignKey: 'patient_id', as: 'careTeam' });
  return models;
}

export type Models = ReturnType<typeof defineModels>;
export type ModelName = keyof Models;
