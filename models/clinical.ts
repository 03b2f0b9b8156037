import type { Sequelize } from 'sequelize';
import { defineAppointment } from './appointment.js';
import { defineMedicalRecord } from './medical-record.js';
import { defineMedicalRecordRelatedImage } from './medical-record-related-image.js';
import { defineLungRecord } from './lung-record.js';
import { defineLungResult } from './lung-result.js';
import { defineMedicalImage } from './medical-image.js';
import { defineAIAnalysisResult } from './ai-analysis-result.js';
import { defineRadiologyReport } from './radiology-report.js';
import { defineRadiologyReportRevision } from './radiology-report-revision.js';
import { definePrescription } from './prescription.js';
import { defineNursingRecord } from './nursing-record.js';
import { defineMedicationAdministration } from './medication-administration.js';
import { definePatientStatus } from './patient-status.js';
import { defineNotification } from './notification.js';
import { defineAppointmentInquiry } from './appointment-inquiry.js';
import { defineChatRoom } from './chat-room.js';
import { defineChatRoomMember } from './chat-room-member.js';
import { defineChatMessage } from './chat-message.js';
import { defineChatbotConversation } from './chatbot-conversation.js';
import { defineChatbotMessage } from './chatbot-message.js';

/**
 * The clinical, imaging and communication models (migration 0002), with the associations among
 * them. Links to patients and users stay plain id columns here; index.ts wires those.
 */
export function defineClinicalModels(sequelize: Sequelize) {
  const models = {
    Appointment: defineAppointment(sequelize),
    MedicalRecord: defineMedicalRecord(sequelize),
    LungRecord: defineLungRecord(sequelize),
    LungResult: defineLungResult(sequelize),
    MedicalImage: defineMedicalImage(sequelize),
    AIAnalysisResult: defineAIAnalysisResult(sequelize),
    RadiologyReport: defineRadiologyReport(sequelize),
    RadiologyReportRevision: defineRadiologyReportRevision(sequelize),
    Prescription: definePrescription(sequelize),
    NursingRecord: defineNursingRecord(sequelize),
    MedicationAdministration: defineMedicationAdministration(sequelize),
    PatientStatus: definePatientStatus(sequelize),
    Notification: defineNotification(sequelize),
    PatientNotification: defineNotification(sequelize, 'patient_notification'),
    AppointmentInquiry: defineAppointmentInquiry(sequelize),
    ChatRoom: defineChatRoom(sequelize),
    ChatRoomMember: defineChatRoomMember(sequelize),
    ChatMessage: defineChatMessage(sequelize),
    ChatbotConversation: defineChatbotConversation(sequelize),
    ChatbotMessage: defineChatbotMessage(sequelize),
    MedicalRecordRelatedImage: defineMedicalRecordRelatedImage(sequelize),
  };
  const { MedicalRecord, MedicalImage, MedicalRecordRelatedImage } = models;
  MedicalRecord.belongsToMany(MedicalImage, {
    through: MedicalRecordRelatedImage, foreignKey: 'medical_record_id', otherKey: 'medicalimage_id', as: 'related_images',
  });
  MedicalImage.belongsToMany(MedicalRecord, {
    through: MedicalRecordRelatedImage, foreignKey: 'medicalimage_id', otherKey: 'medical_record_id', as: 'medical_records',
  });
  MedicalImage.hasMany(models.AIAnalysisResult, { foreignKey: 'image_id', as: 'analyses' });
  models.AIAnalysisResult.belongsTo(MedicalImage, { foreignKey: 'image_id', as: 'image' });
  MedicalImage.hasMany(models.RadiologyReport, { foreignKey: 'image_id', as: 'reports' });
  models.RadiologyReport.hasMany(models.RadiologyReportRevision, { foreignKey: 'report_id', as: 'revisions' });
  MedicalRecord.hasMany(models.Prescription, { foreignKey: 'medical_record_id', as: 'prescriptions' });
  models.LungRecord.hasMany(models.LungResult, { foreignKey: 'lung_record_id', as: 'results' });
  models.ChatRoom.hasMany(models.ChatRoomMember, { foreignKey: 'room_id', as: 'members' });
  models.ChatRoom.hasMany(models.ChatMessage, { foreignKey: 'room_id', as: 'messages' });
  models.ChatbotConversation.hasMany(models.ChatbotMessage, { foreignKey: 'conversation_id', as: 'messages' });
  return models;
}
