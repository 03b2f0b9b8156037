import type { ServiceActionsSchema, ServiceEvents } from 'moleculer';
import { parsePart10, summarize, type InstanceSummary } from '../../lib/dicom/part10.js';
import { qualityCheck, type QcReason } from '../../lib/dicom/qc.js';
import type { AccessionEntry } from '../ris/pacs-link-actions.js';
import type { CdssContext } from '../context.js';
import { PACS_INGEST_USER } from './medical-images-identity.js';
import { STUDY_FINDINGS, summarizeQc } from './medical-images-qc.js';
import { chartIdOf, presentImage } from './medical-images-records.js';
import type { ImageRecorded, MedicalImagesThis, PacsStudyInfo, QcSummary, StudyStable } from './medical-images-types.js';

/**
 * Studies that reach the PACS without an upload — a modality's C-STORE into Orthanc, a STOW-RS
 * push, the builtin archive — become image rows when the archive calls them stable: counts and
 * modalities from the archive, a quality check of one instance, and the link to the RIS order by
 * accession number. The listener runs as the PACS ingest identity (medical-images-identity.ts)
 * and announces the row with `image.recorded`.
 */

/** A DICOM DA + TM (local time of the hospital, KST) as a Date; null when absent or malformed. */
export function dicomDateTime(date: string | null | undefined, time?: string | null): Date | null {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? '');
  if (!d) return null;
  const t = /^(\d{2})(\d{2})?(\d{2})?/.exec(time?.trim() ?? '') ?? [];
  const at = new Date(`${d[1]}-${d[2]}-${d[3]}T${t[1] ?? '00'}:${t[2] ?? '00'}:${t[3] ?? '00'}+09:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The instance QC looks at: the middle one of the study's largest image series. */
function instanceToCheck(info: PacsStudyInfo): { seriesInstanceUid: string; sopInstanceUid: string } | null {
  const nonImage = new Set(['SR', 'SEG', 'PR', 'KO', 'REG', 'DOC']);
  const series = [...info.series].sort((a, b) => Number(nonImage.has(a.modality)) - Number(nonImage.has(b.modality)) || b.instances.length - a.instances.length)[0];
  if (!series || series.instances.length === 0) return null;
  const ordered = [...series.instances].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
  return { seriesInstanceUid: series.seriesInstanceUid, sopInstanceUid: ordered[Math.floor((ordered.length - 1) / 2)].sopInstanceUid };
}

/** The accession's RIS entry as far as this study may be linked to it, and what QC should say about it. */
export async function scheduleFor(ctx: CdssContext, accession: string | null, chartNumber: string): Promise<{ schedule: AccessionEntry | null; reasons: QcReason[] }> {
  if (!accession) return { schedule: null, reasons: [] };
  const entry = await ctx.call<AccessionEntry | null, { accessionNumber: string }>('ris.byAccession', { accessionNumber: accession });
  if (!entry) return { schedule: null, reasons: [STUDY_FINDINGS.accessionUnknown(accession)] };
  if (entry.chartNumber !== chartNumber) return { schedule: null, reasons: [STUDY_FINDINGS.accessionOtherPatient(accession)] };
  if (entry.status === 'CANCELLED') return { schedule: entry, reasons: [STUDY_FINDINGS.orderCancelled(accession)] };
  return { schedule: entry, reasons: [] };
}

export const ingestActions: ServiceActionsSchema = {
  /** Records a stable study (the listener's work, as an action so it runs with its own identity). */
  ingestStudy: {
    permission: 'internal',
    visibility: 'public',
    params: { studyInstanceUid: { type: 'string', min: 1, max: 64 }, source: { type: 'string', max: 16, optional: true } },
    async handler(this: MedicalImagesThis, ctx: CdssContext<{ studyInstanceUid: string; source?: string }>) {
      const info = await this.studyInfo(ctx, ctx.params.studyInstanceUid);
      if (!info) return null;
      const chartNumber = info.patientId;
      const accession = info.accessionNumber?.trim() || null;
      const { schedule, reasons } = await scheduleFor(ctx, accession, chartNumber);
      if (await chartIdOf(this, chartNumber) === null) reasons.push(STUDY_FINDINGS.unknownPatient(chartNumber));

      // Checked once: a study already checked (at upload, or by an earlier stable event) keeps its verdict.
      const existing = await this.db().models.MedicalImage.findOne({ where: { study_instance_uid: info.studyInstanceUid }, attributes: ['id', 'qc_status'] });
      let qc: QcSummary | null = null;
      let first: InstanceSummary | null = null;
      if (!existing || existing.qc_status === 'PENDING') {
        const target = instanceToCheck(info);
        if (target) {
          const bytes = await ctx.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid: info.studyInstanceUid, ...target });
          const parsed = parsePart10(new Uint8Array(bytes));
          first = summarize(parsed);
          qc = summarizeQc([qualityCheck(parsed, { patientId: schedule?.chartNumber ?? chartNumber, accessionNumber: accession })], reasons);
        } else {
          qc = summarizeQc([], reasons);
        }
      }
      const row = await this.recordStudy(ctx, {
        studyInstanceUid: info.studyInstanceUid, chartNumber, accessionNumber: accession, modalities: info.modalities,
        seriesCount: info.series.length, instanceCount: info.series.reduce((n, s) => n + s.instances.length, 0),
        takenDate: dicomDateTime(info.studyDate ?? first?.studyDate, first?.studyTime), description: first?.studyDescription ?? null,
        bodyPart: first?.bodyPartExamined ?? null, department: null, imageSource: null, uploadedById: null, qc, schedule,
      });
      const image = presentImage(row);
      const recorded: ImageRecorded = { image, trigger: 'study.stable', source: ctx.params.source ?? 'PACS' };
      void ctx.emit('image.recorded', recorded);
      return image;
    },
  },
};

export const ingestEvents: ServiceEvents = {
  /**
   * The archive calls a study stable. The work runs as a root call with the PACS ingest identity
   * whatever meta the event carried (the builtin archive's timer has none; a STOW request's would
   * be the pusher's). Failures are logged: the study stays in the PACS and the next stable event
   * (more instances) or an upload records it.
   */
  'study.stable': {
    async handler(this: MedicalImagesThis, ctx: CdssContext<StudyStable>) {
      const { studyInstanceUid, source } = ctx.params;
      try {
        await this.broker.call('medical-images.ingestStudy', { studyInstanceUid, source }, {
          meta: { user: PACS_INGEST_USER, requestId: `pacs-${source ?? 'ingest'}-${studyInstanceUid}`.slice(0, 64) },
        });
      } catch (err) {
        this.logger.error(`PACS study ${studyInstanceUid} (${source}) not recorded:`, (err as Error).message);
      }
    },
  },
};
