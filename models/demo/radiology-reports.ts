import type { Transaction } from 'sequelize';
import type { Models } from '../index.js';
import { findImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { accessionCounterKey, formatAccessionNumber } from '../../lib/rules/ris-accession.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';
import type { RevisionKind } from '../../lib/rules/report-status.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import { bumpCounter } from '../ris-counter.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

interface DemoStudy {
  code: string;
  daysAgo: number;
  /** READ: a final report (not yet released); READING: the radiologist's open draft. */
  state: 'READ' | 'READING';
  findings: string;
  conclusion: string;
  recommendations: string | null;
}

/**
 * Report 1 is final and report 2 a draft of the demo radiologist, both of patient 1 (doctor.pulmo's):
 * the access-policy probes release report 1 and save report 2 (test/integration/rbac-policy.test.ts).
 */
const STUDIES: DemoStudy[] = [
  {
    code: 'CT-CHEST', daysAgo: 5, state: 'READ',
    findings: '우상엽에 6mm 크기의 고형 결절이 있다. 종격동 림프절 비대는 없다. 흉수 없음.',
    conclusion: '우상엽 6mm 고형 결절 (Lung-RADS 3).',
    recommendations: '6개월 후 저선량 흉부 CT 추적검사 권고.',
  },
  {
    code: 'XR-CHEST-PA', daysAgo: 1, state: 'READING',
    findings: '양측 폐야에 활동성 병변 없음.',
    conclusion: '',
    recommendations: null,
  },
];

/**
 * The demo hospital's imaging loop, already walked: doctor.pulmo's imaging orders for patient 1,
 * their RIS entries, images and radiology reports with their history (issue #4). The rows are
 * what the services would have written; days in the past, so today's schedules stay empty.
 */
export async function seedDemoRadiologyReports(models: Models, transaction: Transaction): Promise<void> {
  const user = (username: string) => models.AuthUser.findOne({ where: { username }, attributes: ['id'], transaction });
  const [doctor, radiologist, radtech] = await Promise.all([user('doctor.pulmo'), user('radiologist'), user('radtech')]);
  const [reader, technician, prescriber] = await Promise.all([
    models.RadiologyDoctor.findOne({ where: { user_id: radiologist!.id }, attributes: ['id'], transaction }),
    models.RadiologyTechnician.findOne({ where: { user_id: radtech!.id }, attributes: ['id'], transaction }),
    models.Doctor.findOne({ where: { user_id: doctor!.id }, attributes: ['id'], transaction }),
  ]);
  const patient = (await models.Patient.findOne({ order: [['id', 'ASC']], attributes: ['id', 'patient_id'], transaction }))!;
  const now = Date.now();

  for (const study of STUDIES) {
    const procedure = findImagingProcedure(study.code)!;
    const orderedAt = new Date(now - study.daysAgo * DAY);
    orderedAt.setUTCHours(0, 30, 0, 0); // 09:30 KST
    const at = (minutes: number) => new Date(orderedAt.getTime() + minutes * MINUTE);
    const read = study.state === 'READ';
    const order = await models.OcsOrder.create({
      order_type: 'IMAGING', patient_id: patient.id, ordering_doctor_id: doctor!.id, department: 'PULMONOLOGY', priority: 'ROUTINE',
      status: read ? 'REPORTED' : 'ACQUIRED', items: [{ code: procedure.code, name: procedure.name }], notes: '데모 영상 오더',
      result_summary: read ? study.conclusion : null, completed_at: read ? at(240) : null, created_at: orderedAt, updated_at: orderedAt,
    }, { transaction });
    await order.update({ order_number: `O${kstDateOf(orderedAt).replace(/-/g, '')}${String(order.id).padStart(6, '0')}` }, { transaction });
    const steps: [string | null, string, number][] = [[null, 'PENDING', 0], ['PENDING', 'SCHEDULED', 10], ['SCHEDULED', 'IN_PROGRESS', 60], ['IN_PROGRESS', 'ACQUIRED', 75]];
    if (read) steps.push(['ACQUIRED', 'REPORTED', 240]);
    await models.OcsOrderEvent.bulkCreate(steps.map(([from, to, minutes]) => ({
      order_id: order.id, from_status: from as never, to_status: to as never, actor_id: to === 'REPORTED' ? radiologist!.id : to === 'PENDING' ? doctor!.id : radtech!.id,
      actor_role: to === 'REPORTED' ? 'radiologist' : to === 'PENDING' ? 'doctor' : 'radiology_technician', note: null, created_at: at(minutes),
    })), { transaction });

    const day = kstDateOf(orderedAt);
    const accession = formatAccessionNumber(day, await bumpCounter(models, accessionCounterKey(day), transaction));
    const studyUid = uuidDerivedUid();
    const image = await models.MedicalImage.create({
      patient_id: patient.patient_id, image_type: procedure.modality === 'CT' ? 'CT' : 'XRAY', description: `${procedure.name} (${accession})`,
      taken_date: at(75), taken_by_id: technician?.id ?? null, requested_by_id: prescriber?.id ?? null, department: 'PULMONOLOGY',
      body_part: procedure.bodyPart, status: read ? 'READ' : 'READING', study_instance_uid: studyUid, image_source: 'UPLOAD',
    }, { transaction });
    const room = procedure.modality === 'CT' ? 'CT1' : 'XR1';
    const schedule = await models.RisSchedule.create({
      order_id: order.id, order_number: order.order_number, ordering_doctor_id: doctor!.id, patient_id: patient.id, accession_number: accession,
      procedure_code: procedure.code, procedure_name: procedure.name, modality: procedure.modality, body_part: procedure.bodyPart,
      contrast: procedure.contrast, priority: 'ROUTINE', room, station_ae_title: room, scheduled_at: at(60),
      scheduled_end_at: at(60 + procedure.durationMinutes), radiographer_id: radtech!.id, scheduled_by_id: radtech!.id,
      status: study.state, study_instance_uid: studyUid, medical_image_id: image.id, series_count: 1, started_at: at(60),
      acquired_at: at(75), awaiting_read_at: at(75), reading_started_at: at(120), read_at: read ? at(240) : null,
    }, { transaction });

    const report = await models.RadiologyReport.create({
      image_id: image.id, patient_id: patient.id, radiologist_id: reader!.id, status: read ? 'FINAL' : 'DRAFT', version: read ? 2 : 1,
      order_id: order.id, schedule_id: schedule.id, accession_number: accession, study_description: procedure.name,
      findings: study.findings, conclusion: study.conclusion || null, recommendations: study.recommendations,
      report_date: read ? at(240) : null, signed_at: read ? at(240) : null, signed_by_id: read ? radiologist!.id : null,
      created_at: at(120), updated_at: read ? at(240) : at(120),
    }, { transaction });
    const revisions: [RevisionKind, number][] = read ? [['CREATE', 120], ['FINAL', 240]] : [['CREATE', 120]];
    await models.RadiologyReportRevision.bulkCreate(revisions.map(([kind, minutes], i) => ({
      report_id: report.id, version: i + 1, kind, status: kind === 'FINAL' ? 'FINAL' as const : 'DRAFT' as const,
      findings: study.findings, conclusion: kind === 'FINAL' ? study.conclusion : null, recommendations: kind === 'FINAL' ? study.recommendations : null,
      report_content: null, author_id: radiologist!.id, reason: null, created_at: at(minutes),
    })), { transaction });
  }
}
