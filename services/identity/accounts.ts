import { randomBytes } from 'node:crypto';
import { Op, col, fn, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { STAFF_ID_PREFIX, hasProfile, type ProfilelessRole, type StaffRole } from '../../lib/constants.js';
import { hashPassword } from '../../lib/security/passwords.js';
import type { AuthUser } from '../../models/auth-user.js';
import { PROFILE_TABLES, type StaffProfile, type ProfileRole } from '../../models/staff-profile.js';
import { writeTransaction } from '../../models/database.js';
import type { Models } from '../../models/index.js';

export interface NewStaff {
  username: string;
  password: string;
  role: StaffRole;
  name: string;
  department?: string | null;
  email?: string | null;
  phone?: string | null;
  licenseNumber?: string | null;
  specialization?: string | null;
  position?: string | null;
}

const PROFILE_MODEL: Record<ProfileRole, 'Doctor' | 'Nurse' | 'AdministrativeStaff' | 'RadiologyTechnician' | 'RadiologyDoctor'> = {
  doctor: 'Doctor',
  nurse: 'Nurse',
  front_desk: 'AdministrativeStaff',
  radiology_technician: 'RadiologyTechnician',
  radiologist: 'RadiologyDoctor',
};

export function profileModel(models: Models, role: StaffRole) {
  return hasProfile(role) ? models[PROFILE_MODEL[role]] : null;
}

/** Default department of roles that belong to one (seed §3.1.4–3.1.6). */
const FIXED_DEPARTMENT: Partial<Record<StaffRole, string>> = {
  front_desk: 'ADMINISTRATION',
  radiology_technician: 'RADIOLOGY',
  radiologist: 'RADIOLOGY',
};

/** Next staff code for a role and year, e.g. D2025001 → D2025002 (seed §3.1). */
async function nextStaffCode(models: Models, role: Exclude<StaffRole, ProfilelessRole>, transaction?: Transaction): Promise<string> {
  const prefix = `${STAFF_ID_PREFIX[role]}${new Date().getFullYear()}`;
  const model = profileModel(models, role)!;
  const codeColumn = PROFILE_TABLES[role].codeColumn;
  // Longest first, then highest: after …999 comes …1000, which sorts lower as text.
  const last = await model.findOne({
    where: { code: { [Op.like]: `${prefix}%` } },
    order: [[fn('LENGTH', col(codeColumn)), 'DESC'], ['code', 'DESC']],
    transaction,
  });
  const next = last ? Number(last.code.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(3, '0')}`;
}

/** Creates the auth_user row and the role's profile row in one transaction. */
export async function createStaffAccount(models: Models, input: NewStaff, transaction: Transaction): Promise<{ user: AuthUser; profile: StaffProfile | null }> {
  const department = input.department ?? FIXED_DEPARTMENT[input.role] ?? null;
  const role = input.role;
  const code = hasProfile(role) ? await nextStaffCode(models, role, transaction) : null;
  const [lastName, ...rest] = [...input.name];
  const user = await models.AuthUser.create({
    username: input.username,
    email: input.email ?? null,
    password: await hashPassword(input.password),
    first_name: rest.join(''),
    last_name: lastName ?? '',
    role,
    is_superuser: role === 'sysadmin',
    department,
    doctor_id: role === 'doctor' ? code : null,
    password_changed_at: new Date(),
  }, { transaction });
  const profile = !hasProfile(role) ? null : await profileModel(models, role)!.create({
    user_id: user.id,
    code: code!,
    name: input.name,
    department,
    phone: input.phone ?? null,
    email: input.email ?? null,
    license_number: input.licenseNumber ?? null,
    specialization: input.specialization ?? null,
    position: input.position ?? null,
  }, { transaction });
  return { user, profile };
}

/**
 * Creates a staff account in a write transaction. Staff codes are numbered by reading the highest
 * one: two creations racing for the same number are told apart by the unique index, and the loser
 * simply takes the next number. A clash on the username is the caller's error and is rethrown.
 */
export async function createStaffAccountSafely(sequelize: Sequelize, models: Models, input: NewStaff, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeTransaction(sequelize, (t) => createStaffAccount(models, input, t));
    } catch (err) {
      const codeClash = err instanceof UniqueConstraintError && !err.errors.some((e) => e.path === 'username');
      if (!codeClash || attempt >= attempts) throw err;
    }
  }
}

/** A readable one-time password that satisfies the policy (letters and digits, 14 chars). */
export function temporaryPassword(): string {
  return `Tmp${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x')}9`;
}
