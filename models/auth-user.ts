import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { StaffRole } from '../lib/constants.js';

/** seed §3.0 `auth_user`: a staff account (Django's user, with doctor_id and department). */
export interface AuthUserAttributes {
  id: number;
  username: string;
  email: string | null;
  password: string;
  first_name: string | null;
  last_name: string | null;
  role: StaffRole;
  is_active: boolean;
  is_staff: boolean;
  is_superuser: boolean;
  date_joined: Date;
  last_login: Date | null;
  doctor_id: string | null;
  department: string | null;
  failed_login_count: number;
  locked_until: Date | null;
  password_changed_at: Date | null;
}
type Defaults = 'id' | 'email' | 'first_name' | 'last_name' | 'is_active' | 'is_staff' | 'is_superuser' | 'date_joined'
  | 'last_login' | 'doctor_id' | 'department' | 'failed_login_count' | 'locked_until' | 'password_changed_at';
export interface AuthUser extends Model<AuthUserAttributes, Optional<AuthUserAttributes, Defaults>>, AuthUserAttributes {}

export function defineAuthUser(sequelize: Sequelize): ModelStatic<AuthUser> {
  return sequelize.define<AuthUser>('auth_user', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    username: { type: DataTypes.STRING(150), allowNull: false, unique: true },
    email: DataTypes.STRING(254),
    password: { type: DataTypes.STRING(255), allowNull: false },
    first_name: DataTypes.STRING(150),
    last_name: DataTypes.STRING(150),
    role: { type: DataTypes.STRING(32), allowNull: false },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    is_staff: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    is_superuser: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    date_joined: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
    last_login: DataTypes.DATE(3),
    doctor_id: DataTypes.STRING(20),
    department: DataTypes.STRING(32),
    failed_login_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: DataTypes.DATE(3),
    password_changed_at: DataTypes.DATE(3),
  }, { tableName: 'auth_user', timestamps: false });
}
