import { Errors, type ServiceActionsSchema } from 'moleculer';
import { DEPARTMENT_CODES, IMAGE_SOURCES, keysOf, type Department } from '../../lib/constants.js';
import type { InstanceSummary } from '../../lib/dicom/part10.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import { dicomDateTime } from './medical-images-ingest.js';
import { summarizeQc } from './medical-images-qc.js';
import { presentImage } from './medical-images-records.js';
import type { ImageRecorded, MedicalImageAnswer, MedicalImagesThis } from './medical-images-types.js';
import { prepareUpload, type UploadedFile, type UploadFields } from './upload-validation.js';

/**
 * The radiographer's (and doctor's) upload (seed §4.4.2, §7.3 POST /medical-images, §7.6 POST
 * /radiology-tech/images/upload): DICOM files and JPEG/PNG photos of one patient, validated as a
 * whole (upload-validation.ts), then stored in the PACS one by one, then recorded per study with
 * its quality check and linked to the RIS order by accession. The multipart body is collected by
 * the gateway (services/gateway/upload-route.ts), which calls this action once with every file.
 */

const { MoleculerClientError } = Errors;

/** The most files one upload takes (a CT series of a few hundred slices). */
export const MAX_UPLOAD_FILES = 2000;

export interface UploadParams extends UploadFields {
  files: { filename: string; contentType: string; data: unknown }[];
}

export interface UploadAnswer {
  studies: MedicalImageAnswer[];
  files: { filename: string; studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string; stored: boolean }[];
}

/** File bytes as the gateway sent them: a Buffer here, its JSON form across a transporter. */
function bytesOf(data: unknown, filename: string): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const json = data as { type?: string; data?: number[] } | null;
  if (json?.type === 'Buffer' && Array.isArray(json.data)) return Buffer.from(json.data);
  throw new MoleculerClientError(`${filename}: 파일 내용이 없습니다 (no file content)`, 400, 'VALIDATION_ERROR', [{ field: 'files', message: 'no file content' }]);
}

/** The uploader's own department (a doctor's) when the form names none. */
function departmentOf(department: string | null): Department | null {
  return (DEPARTMENT_CODES as string[]).includes(department ?? '') ? department as Department : null;
}

function firstOf<T>(values: (T | null | undefined)[]): T | null {
  return values.find((v) => v != null) ?? null;
}

export const uploadActions: ServiceActionsSchema = {
  upload: {
    permission: 'images.write',
    summary: '의료 영상 업로드 (DICOM, JPEG/PNG 사진; multipart/form-data) / upload DICOM files or photos of one patient',
    params: {
      patientId: { type: 'number', integer: true, positive: true, convert: true },
      accessionNumber: { type: 'string', min: 1, max: 16, trim: true, optional: true },
      department: { type: 'enum', values: DEPARTMENT_CODES, optional: true },
      bodyPart: { type: 'string', min: 1, max: 64, trim: true, optional: true },
      description: { type: 'string', max: 500, trim: true, optional: true },
      imageSource: { type: 'enum', values: keysOf(IMAGE_SOURCES), optional: true },
      files: {
        type: 'array', min: 1, max: MAX_UPLOAD_FILES,
        items: { type: 'object', strict: true, props: { filename: { type: 'string', max: 255 }, contentType: { type: 'string', max: 200 }, data: { type: 'any' } } },
      },
      $$strict: true,
    },
    async handler(this: MedicalImagesThis, ctx: CdssContext<UploadParams>): Promise<UploadAnswer> {
      const { files: parts, ...fields } = ctx.params;
      const maxBytes = runtimeOf(this.broker).config.dicomMaxBytes;
      const files: UploadedFile[] = parts.map((part) => {
        const data = bytesOf(part.data, part.filename);
        if (data.byteLength > maxBytes) {
          throw new MoleculerClientError(`${part.filename}: 파일이 너무 큽니다 (최대 ${maxBytes}바이트) (file too large)`, 413, 'PAYLOAD_TOO_LARGE', { file: part.filename, maxBytes });
        }
        return { filename: part.filename, contentType: part.contentType, data };
      });
      const [patient] = await ctx.call<PatientLabel[], { ids: number[] }>('patients.labels', { ids: [fields.patientId] });
      if (!patient) throw new MoleculerClientError(`환자 ${fields.patientId}을(를) 찾을 수 없습니다 (patient not found)`, 404, 'PATIENT_NOT_FOUND', { patientId: fields.patientId });
      const bodyPart = fields.bodyPart?.toUpperCase();
      const studies = await prepareUpload(this, ctx, { ...fields, bodyPart }, files, patient);

      // Everything is valid: only now does anything reach the archive.
      const stored: UploadAnswer['files'] = [];
      for (const study of studies) {
        for (const instance of study.instances) {
          const answer = await ctx.call<InstanceSummary & { stored: boolean }, object>('pacs.store', { data: Buffer.from(instance.bytes), source: 'UPLOAD' });
          stored.push({ filename: instance.filename, studyInstanceUid: answer.studyInstanceUid, seriesInstanceUid: answer.seriesInstanceUid, sopInstanceUid: answer.sopInstanceUid, stored: answer.stored });
        }
      }

      const user = ctx.meta.user!;
      const technician = user.role === 'radiology_technician'
        ? await this.db().models.RadiologyTechnician.findOne({ where: { user_id: user.id }, attributes: ['id'] })
        : null;
      const rows: MedicalImageAnswer[] = [];
      for (const study of studies) {
        // The archive's view of the study: an upload may add to instances already there.
        const info = await this.studyInfo(ctx, study.studyInstanceUid);
        const summaries = study.instances.map((i) => i.summary);
        const row = await this.recordStudy(ctx, {
          studyInstanceUid: study.studyInstanceUid, chartNumber: patient.patient_id, accessionNumber: study.accessionNumber,
          modalities: info?.modalities ?? [...new Set(summaries.map((s) => s.modality))],
          seriesCount: info?.series.length ?? new Set(summaries.map((s) => s.seriesInstanceUid)).size,
          instanceCount: info ? info.series.reduce((n, s) => n + s.instances.length, 0) : new Set(summaries.map((s) => s.sopInstanceUid)).size,
          takenDate: dicomDateTime(firstOf(summaries.map((s) => s.studyDate)), firstOf(summaries.map((s) => s.studyTime))) ?? new Date(),
          description: fields.description ?? firstOf(summaries.map((s) => s.studyDescription)),
          bodyPart: bodyPart ?? firstOf(summaries.map((s) => s.bodyPartExamined)),
          department: fields.department ?? departmentOf(user.department),
          imageSource: fields.imageSource ?? 'UPLOAD',
          uploadedById: technician?.id ?? null,
          qc: summarizeQc(study.instances.flatMap((i) => (i.qc ? [i.qc] : []))),
          schedule: study.schedule,
        });
        const image = presentImage(row);
        rows.push(image);
        const recorded: ImageRecorded = { image, trigger: 'upload', source: 'UPLOAD' };
        void ctx.emit('image.recorded', recorded);
      }
      ctx.meta.$statusCode = 201;
      (ctx.meta as { $location?: string }).$location = `/api/v1/medical-images/${rows[0].id}`;
      return { studies: rows, files: stored };
    },
  },
};
