import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** Links a patient to a caring user or department; the doctor and nurse row scopes read it. */
export interface CareTeamMemberAttributes {
  id: number;
  patient_id: number;
  user_id: number | null;
  department: string | null;
  relation: 'attending' | 'department' | 'nursing' | 'consulting';
  active: boolean;
  created_at: Date;
}
type Defaults = 'id' | 'user_id' | 'department' | 'active' | 'created_at';
export interface CareTeamMember extends Model<CareTeamMemberAttributes, Optional<CareTeamMemberAttributes, Defaults>>, CareTeamMemberAttributes {}

export function defineCareTeamMember(sequelize: Sequelize): ModelStatic<CareTeamMember> {
  return sequelize.define<CareTeamMember>('care_team_member', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    user_id: DataTypes.INTEGER,
    department: DataTypes.STRING(32),
    relation: { type: DataTypes.STRING(32), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: DataTypes.DATE(3),
  }, { tableName: 'care_team_member', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
