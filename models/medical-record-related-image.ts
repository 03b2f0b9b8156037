import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** The join table behind seed §3.3.1 `medical_record.related_images` (Django ManyToMany naming). */
export interface MedicalRecordRelatedImageAttributes {
  id: number;
  medical_record_id: number;
  medicalimage_id: number;
}
export interface MedicalRecordRelatedImage
  extends Model<MedicalRecordRelatedImageAttributes, Optional<MedicalRecordRelatedImageAttributes, 'id'>>, MedicalRecordRelatedImageAttributes {}

export function defineMedicalRecordRelatedImage(sequelize: Sequelize): ModelStatic<MedicalRecordRelatedImage> {
  return sequelize.define<MedicalRecordRelatedImage>('medical_record_related_images', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    medical_record_id: { type: DataTypes.INTEGER, allowNull: false },
    medicalimage_id: { type: DataTypes.INTEGER, allowNull: false },
  }, { tableName: 'medical_record_related_images', timestamps: false });
}
