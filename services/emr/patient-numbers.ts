import { Op, UniqueConstraintError, col, fn, type Transaction } from 'sequelize';
import type { Models } from '../../models/index.js';
import type { Patient, PatientAttributes } from '../../models/patient.js';

/** Age in whole years on a day (Korean 만 나이), from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age--;
  return age;
}

/**
 * The next chart number, P<year><5 digits> (P202600031). Read inside the registering write
 * transaction, which on SQLite holds the write lock; on MySQL the unique index refuses a racing
 * duplicate and the caller retries.
 */
export async function nextPatientNumber(models: Models, transaction?: Transaction): Promise<string> {
  const prefix = `P${new Date().getFullYear()}`;
  const last = await models.Patient.findOne({
    where: { patient_id: { [Op.like]: `${prefix}%` } },
    order: [[fn('LENGTH', col('patient_id')), 'DESC'], ['patient_id', 'DESC']],
    attributes: ['patient_id'],
    paranoid: false,
    transaction,
  });
  const next = last ? Number(last.patient_id.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(5, '0')}`;
}

/**
 * Inserts a patient under the next chart number. Should concurrent registrations on MySQL take
 * the number first, the unique index refuses it (MySQL rolls back only that statement) and the
 * number is read again outside this transaction, whose snapshot cannot see the others' commits.
 */
export async function createWithNextNumber(models: Models, columns: Partial<PatientAttributes>, transaction: Transaction, attempts = 20): Promise<Patient> {
  let number = await nextPatientNumber(models, transaction);
  for (let attempt = 1; ; attempt++) {
    try {
      return await models.Patient.create({ ...(columns as PatientAttributes), patient_id: number }, { transaction });
    } catch (err) {
      const clash = err instanceof UniqueConstraintError && err.errors.some((e) => String(e.path).includes('patient_id'));
      if (!clash || attempt >= attempts) throw err;
      const committed = await nextPatientNumber(models);
      const afterMine = `${number.slice(0, 5)}${String(Number(number.slice(5)) + 1).padStart(5, '0')}`;
      number = committed > afterMine ? committed : afterMine;
    }
  }
}
