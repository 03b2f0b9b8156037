import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** seed §3.0 `patient_user`: a patient portal account; `patient_id` is the linked chart number. */
export interface PatientUserAttributes {
  id: number;
  account_id: string;
  email: string | null;
  name: string;
  password: string;
  patient_id: string | null;
  phone: string | null;
  birth_date: string | null;
  is_active: boolean;
  date_joined: Date;
  last_login: Date | null;
  failed_login_count: number;
  locked_until: Date | null;
}
type Defaults = 'id' | 'email' | 'patient_id' | 'phone' | 'birth_date' | 'is_active' | 'date_joined' | 'last_login'
  | 'failed_login_count' | 'locked_until';
export interface PatientUser extends Model<PatientUserAttributes, Optional<PatientUserAttributes, Defaults>>, PatientUserAttributes {}

export function definePatientUser(sequelize: Sequelize): ModelStatic<PatientUser> {
  return sequelize.define<PatientUser>('patient_user', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    account_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    email: { type: DataTypes.STRING(254), unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    password: { type: DataTypes.STRING(255), allowNull: false },
    patient_id: DataTypes.STRING(20),
    phone: DataTypes.STRING(32),
    birth_date: DataTypes.DATEONLY,
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    date_joined: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
    last_login: DataTypes.DATE(3),
    failed_login_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: DataTypes.DATE(3),
  }, { tableName: 'patient_user', timestamps: false });
}
