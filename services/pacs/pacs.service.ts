import path from 'node:path';
import { Errors, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DicomInputError, parsePart10, summarize, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import { PACS_SOURCES, type PacsSource } from '../../models/pacs.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import type { ArchiveEvents, StudyInfo } from './archive.js';
import { BuiltinArchive } from './builtin-archive.js';
import { OrthancArchive } from './orthanc-archive.js';
import { auditPacs, patientIdOfChart } from './access.js';
import { storeDemoStudies } from './demo-studies.js';
import { dicomWebActions } from './dicomweb-actions.js';
import { stowActions } from './stow-actions.js';
import type { PacsThis } from './pacs-types.js';

const { MoleculerClientError } = Errors;

const uid = { type: 'string', min: 1, max: 64, pattern: /^[0-9]+(\.[0-9]+)*$/ } as const;

/** Node Buffers arrive as `{ type: 'Buffer', data }` when a call crossed a JSON transporter. */
function bufferOf(data: unknown): Buffer | null {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const wire = data as { type?: string; data?: number[] } | null;
  if (wire?.type === 'Buffer' && Array.isArray(wire.data)) return Buffer.from(wire.data);
  return null;
}

/**
 * The PACS layer (issue #5): one interface, two archives chosen by CDSS_PACS — Orthanc with its
 * DICOMweb plugin in a hospital, or the built-in archive (files under `<data dir>/dicom` plus
 * the `dicom_instance` index) on a laptop. Internally it stores validated instances and answers
 * what a study holds (for the image records and the upload screen); outwardly it is the
 * DICOMweb server at /dicom-web, filtered by the caller's scope. Events: `pacs.instanceStored`
 * for each new instance, `series.stable` and `study.stable` once a study stops receiving.
 */
const PacsService: ServiceSchema<ServiceSettingSchema, PacsThis> = {
  name: 'pacs',
  mixins: [RbacMixin],

  actions: {
    store: {
      permission: 'internal',
      visibility: 'public',
      params: { data: 'any', source: { type: 'enum', values: [...PACS_SOURCES] }, $$strict: true },
      async handler(this: PacsThis, ctx: CdssContext<{ data: unknown; source: PacsSource }>): Promise<InstanceSummary & { stored: boolean }> {
        const data = bufferOf(ctx.params.data);
        if (!data) throw new MoleculerClientError('DICOM 데이터가 없습니다 (data must be bytes)', 400, 'VALIDATION_ERROR', [{ field: 'data', message: 'bytes expected' }]);
        const { dicomMaxBytes } = this.runtime.config;
        if (data.length > dicomMaxBytes) {
          throw new MoleculerClientError(`파일이 너무 큽니다: 최대 ${dicomMaxBytes}바이트 (larger than ${dicomMaxBytes} bytes)`, 413, 'PAYLOAD_TOO_LARGE', { maxBytes: dicomMaxBytes });
        }
        let parsed: ParsedDicom;
        let summary: InstanceSummary;
        try {
          parsed = parsePart10(data);
          summary = summarize(parsed);
        } catch (err) {
          if (err instanceof DicomInputError) throw new MoleculerClientError(err.message, 400, 'INVALID_DICOM', { reason: err.reason, ...err.details });
          throw err;
        }
        const { stored } = await this.storeValidated(data, parsed, summary, ctx.params.source);
        await auditPacs(ctx, {
          actionType: 'create', outcome: 'success', resourceId: summary.sopInstanceUid, patientId: await patientIdOfChart(this.db, summary.patientId),
          description: `${ctx.params.source}: instance ${stored ? 'stored' : 'already present'} in study ${summary.studyInstanceUid}`,
        });
        return { ...summary, stored };
      },
    },

    studyInfo: {
      permission: 'internal',
      visibility: 'public',
      params: { studyInstanceUid: uid, $$strict: true },
      handler(this: PacsThis, ctx: CdssContext<{ studyInstanceUid: string }>): Promise<StudyInfo | null> {
        return this.archive.studyInfo(ctx.params.studyInstanceUid);
      },
    },

    instanceBytes: {
      permission: 'internal',
      visibility: 'public',
      params: { studyInstanceUid: uid, seriesInstanceUid: uid, sopInstanceUid: uid, $$strict: true },
      async handler(this: PacsThis, ctx: CdssContext<{ studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string }>): Promise<Buffer> {
        const { studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: instance } = ctx.params;
        const bytes = await this.archive.instanceBytes({ study, series, instance });
        if (!bytes) throw new MoleculerClientError('DICOM 인스턴스를 찾을 수 없습니다 (instance not found)', 404, 'NOT_FOUND');
        return bytes;
      },
    },

    /** Which archive runs and how many instances it holds (operations, tests, benchmarks). */
    archiveStats: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: PacsThis): Promise<{ kind: 'builtin' | 'orthanc'; instances: number }> {
        return { kind: this.archive.kind, instances: await this.archive.instanceCount() };
      },
    },

    ...dicomWebActions,
    ...stowActions,
  },

  methods: {
    async storeValidated(this: PacsThis, bytes: Buffer, parsed: ParsedDicom, summary: InstanceSummary, source: PacsSource) {
      let result: { stored: boolean };
      try {
        result = await this.archive.store(bytes, parsed, summary, source);
      } catch (err) {
        if (err instanceof DicomInputError) throw new MoleculerClientError(err.message, 400, 'INVALID_DICOM', { reason: err.reason });
        throw err;
      }
      if (result.stored) this.broker.emit('pacs.instanceStored', { instance: summary, source });
      return result;
    },
  },

  created(this: PacsThis) {
    this.runtime = runtimeOf(this.broker);
  },

  async started(this: PacsThis) {
    this.db = await this.runtime.database();
    const { config } = this.runtime;
    const events: ArchiveEvents = {
      instanceStored: (payload) => void this.broker.emit('pacs.instanceStored', payload),
      seriesStable: (payload) => void this.broker.emit('series.stable', payload),
      studyStable: (payload) => void this.broker.emit('study.stable', payload),
    };
    this.archive = config.pacs === 'orthanc'
      ? new OrthancArchive(this.db, config.orthancUrl, config.orthancUser, config.orthancPassword, events, this.logger, this.broker.nodeID)
      : new BuiltinArchive(this.db, path.join(config.dataDir, 'dicom'), config.pacsStableSeconds * 1000, events, this.logger);
    // A service added to a running broker starts its background work now; otherwise once the
    // whole node is up (see the $broker.started handler).
    if ((this.broker as unknown as { started: boolean }).started) await this.archive.start();
  },

  events: {
    /**
     * The follower and the stable-study timers write to the database, so they wait until every
     * actor of the node has started: on SQLite a write during the demo seed's long transaction
     * would make the seed fail.
     */
    async '$broker.started'(this: PacsThis) {
      await this.archive.start();
      await storeDemoStudies(this).catch((err: Error) => this.logger.warn(`demo study not stored: ${err.message}`));
    },
  },

  async stopped(this: PacsThis) {
    await this.archive?.stop();
  },
};

export default PacsService;
