import { Errors, type LoggerInstance } from 'moleculer';
import { DicomInputError, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import type { PacsSource } from '../../models/pacs.js';
import type { Database } from '../runtime.js';
import type { Answer, ArchiveEvents, DicomJson, DicomPath, PacsArchive, RequestInfo, StudyInfo } from './archive.js';
import { OrthancClient, orthancError } from './orthanc-client.js';
import { ChangeFollower } from './orthanc-follower.js';
import { DICOM, DICOM_JSON } from './media-types.js';
import { isTextMatch, orthancQueryString, textMatches, type QidoQuery } from './qido.js';
import { RecentMap } from './recent-map.js';

interface OrthancStudy {
  ID: string;
  MainDicomTags: Record<string, string | undefined>;
  PatientMainDicomTags: Record<string, string | undefined>;
}
interface OrthancSeries {
  ID: string;
  MainDicomTags: Record<string, string | undefined>;
  Instances: string[];
}
interface OrthancInstance {
  ID: string;
  ParentSeries: string;
  MainDicomTags: Record<string, string | undefined>;
}

const intOrNull = (value: string | undefined) => (value && /^\s*-?\d+\s*$/.test(value) ? Number(value) : null);
const textOrNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

/** The attributes the actor filters by scope, added to top-level series and instance searches. */
const SCOPE_FIELDS = ['00100020', '0020000D'];

/**
 * The production archive (CDSS_PACS=orthanc): Orthanc with its DICOMweb plugin. QIDO, WADO-RS,
 * metadata, frames and bulk data are Orthanc's own answers passed through (with a `Forwarded`
 * header, so every RetrieveURL and BulkDataURI names our gateway, never Orthanc); instances are
 * stored with the REST API, which says whether the instance was new. New data arriving any other
 * way (a modality's C-STORE) is picked up by the `/changes` follower.
 */
export class OrthancArchive implements PacsArchive {
  readonly kind = 'orthanc' as const;
  readonly client: OrthancClient;
  private readonly follower: ChangeFollower;
  /** Orthanc ids of instances this node stored, so the follower does not announce them twice. */
  private readonly storedHere = new RecentMap<string, true>(10_000);
  /** How each recently stored study arrived, for its stable event. */
  private readonly studySources = new RecentMap<string, PacsSource>(10_000);

  constructor(db: Database, url: string, user: string | null, password: string | null, events: ArchiveEvents, logger: LoggerInstance, nodeId: string) {
    this.client = new OrthancClient(url, user, password);
    this.follower = new ChangeFollower(this.client, db, events, logger, nodeId, {
      storedHere: (id) => this.storedHere.has(id),
      sourceOf: (study) => this.studySources.get(study),
    });
  }

  async start(): Promise<void> {
    this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    this.client.close();
  }

  async store(bytes: Buffer, _parsed: ParsedDicom, summary: InstanceSummary, source: PacsSource): Promise<{ stored: boolean }> {
    const res = await this.client.request('POST', '/instances', { headers: { 'content-type': DICOM, accept: 'application/json' }, body: bytes });
    if (res.status === 400) {
      throw new DicomInputError('PACS가 이 DICOM 파일을 읽지 못했습니다 (the archive could not read this DICOM file)', 'UNSUPPORTED');
    }
    if (res.status !== 200) throw orthancError('POST', '/instances', res);
    const answer = JSON.parse(res.body.toString('utf8')) as { ID: string; Status: string };
    this.storedHere.set(answer.ID, true);
    this.studySources.set(summary.studyInstanceUid, source);
    return { stored: answer.Status !== 'AlreadyStored' };
  }

  private async findStudy(studyInstanceUid: string): Promise<OrthancStudy | null> {
    const found = await this.client.json<OrthancStudy[]>('POST', '/tools/find', { Level: 'Study', Query: { StudyInstanceUID: studyInstanceUid }, Expand: true });
    return found?.[0] ?? null;
  }

  async studyInfo(studyInstanceUid: string): Promise<StudyInfo | null> {
    const study = await this.findStudy(studyInstanceUid);
    return study ? this.studyInfoOf(study) : null;
  }

  /** The study as StudyInfo, from Orthanc's index (no DICOM file is opened). */
  async studyInfoOf(study: OrthancStudy): Promise<StudyInfo | null> {
    const [series, instances] = await Promise.all([
      this.client.json<OrthancSeries[]>('GET', `/studies/${study.ID}/series?expand`),
      this.client.json<OrthancInstance[]>('GET', `/studies/${study.ID}/instances`),
    ]);
    if (!series || !instances) return null;
    const bySeries = new Map<string, OrthancInstance[]>();
    for (const instance of instances) bySeries.set(instance.ParentSeries, [...(bySeries.get(instance.ParentSeries) ?? []), instance]);
    const answer = series
      .map((s) => ({
        seriesInstanceUid: s.MainDicomTags.SeriesInstanceUID ?? '',
        modality: s.MainDicomTags.Modality ?? '',
        seriesNumber: intOrNull(s.MainDicomTags.SeriesNumber),
        instances: (bySeries.get(s.ID) ?? [])
          .map((i) => ({
            sopInstanceUid: i.MainDicomTags.SOPInstanceUID ?? '',
            instanceNumber: intOrNull(i.MainDicomTags.InstanceNumber),
            numberOfFrames: intOrNull(i.MainDicomTags.NumberOfFrames) ?? 1,
          }))
          .sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0)),
      }))
      .sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
    return {
      studyInstanceUid: study.MainDicomTags.StudyInstanceUID ?? '',
      patientId: study.PatientMainDicomTags.PatientID ?? '',
      accessionNumber: textOrNull(study.MainDicomTags.AccessionNumber),
      studyDate: textOrNull(study.MainDicomTags.StudyDate),
      modalities: [...new Set(answer.map((s) => s.modality).filter(Boolean))].sort(),
      series: answer,
    };
  }

  async instanceBytes(p: Required<DicomPath>): Promise<Buffer | null> {
    const ids = await this.client.json<string[]>('POST', '/tools/find', {
      Level: 'Instance', Query: { StudyInstanceUID: p.study, SeriesInstanceUID: p.series, SOPInstanceUID: p.instance },
    });
    if (!ids?.length) return null;
    const res = await this.client.request('GET', `/instances/${ids[0]}/file`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw orthancError('GET', '/instances/{id}/file', res);
    return res.body;
  }

  async studyPatient(studyInstanceUid: string): Promise<string | null> {
    const study = await this.findStudy(studyInstanceUid);
    return study ? study.PatientMainDicomTags.PatientID ?? '' : null;
  }

  /** Orthanc builds RetrieveURL / BulkDataURI / Content-Location from this header: our gateway's address. */
  private forwarded(request: RequestInfo): Record<string, string> {
    const base = new URL(request.base);
    return { forwarded: `host=${base.host};proto=${base.protocol.replace(':', '')}` };
  }

  /** Orthanc's URLs end in its own root (`/dicom-web`); a gateway mounted elsewhere gets them rewritten. */
  private rewrite(text: string, request: RequestInfo): string {
    const base = new URL(request.base);
    const theirs = `${base.protocol}//${base.host}/dicom-web`;
    return theirs === request.base ? text : text.split(theirs).join(request.base);
  }

  private dicomWeb(route: string, request: RequestInfo, accept: string) {
    return this.client.request('GET', `${this.client.dicomWebPath}${route}`, { headers: { accept, ...this.forwarded(request) } });
  }

  /**
   * Orthanc's QIDO with our paging. Some text matches are made here instead, on Orthanc's answers,
   * so both archives answer alike: Orthanc 1.10 folds names to ASCII in its index (a Korean name
   * never matches there) and takes no `?` wildcard over DICOMweb.
   */
  async search(query: QidoQuery, request: RequestInfo): Promise<{ answers: DicomJson[]; scanned: number }> {
    let route = '';
    if (query.study) route += `/studies/${query.study}`;
    if (query.series) route += `/series/${query.series}`;
    route += `/${query.level}`;
    const local = query.matches.filter((m) => isTextMatch(m) && (m.key === 'PatientName' || /[?]|[^\x20-\x7e]/.test(m.value)));
    const upstream = { ...query, matches: query.matches.filter((m) => !local.includes(m)) };
    const extra = [...(query.level !== 'studies' && !query.study ? SCOPE_FIELDS : []), ...local.map((m) => m.tag)];
    const res = await this.dicomWeb(`${route}?${orthancQueryString(upstream, extra, query)}`, request, DICOM_JSON);
    if (res.status === 404 || res.status === 204) return { answers: [], scanned: 0 };
    if (res.status === 400) throw new Errors.MoleculerClientError('PACS가 검색 조건을 처리하지 못했습니다 (the archive refused the query)', 400, 'BAD_REQUEST');
    if (res.status !== 200) throw orthancError('GET', `/dicom-web${route}`, res);
    const text = res.body.toString('utf8');
    const answers = text.trim() ? JSON.parse(this.rewrite(text, request)) as DicomJson[] : [];
    const kept = local.length ? answers.filter((a) => local.every((m) => textMatches(a[m.tag], m.value))) : answers;
    return { answers: kept, scanned: answers.length };
  }

  private async passThrough(route: string, request: RequestInfo, accept: string): Promise<Answer | null> {
    const res = await this.dicomWeb(route, request, accept);
    if (res.status === 404) return null;
    if (res.status === 400) throw new Errors.MoleculerClientError('PACS가 요청을 처리하지 못했습니다 (the archive refused the request)', 400, 'BAD_REQUEST');
    if (res.status === 406) throw new Errors.MoleculerClientError('요청한 형식으로 제공할 수 없습니다 (not acceptable)', 406, 'NOT_ACCEPTABLE');
    if (res.status !== 200) throw orthancError('GET', '/dicom-web/…', res);
    return { body: res.body, contentType: String(res.headers['content-type'] ?? 'application/octet-stream') };
  }

  retrieve(p: DicomPath, request: RequestInfo): Promise<Answer | null> {
    return this.passThrough(pathOf(p), request, request.accept || `multipart/related; type="${DICOM}"; transfer-syntax=*`);
  }

  async metadata(p: DicomPath, request: RequestInfo): Promise<DicomJson[] | null> {
    const answer = await this.passThrough(`${pathOf(p)}/metadata`, request, DICOM_JSON);
    return answer ? JSON.parse(this.rewrite(answer.body.toString('utf8'), request)) as DicomJson[] : null;
  }

  frames(p: Required<DicomPath>, frames: number[], request: RequestInfo): Promise<Answer | null> {
    const accept = request.accept && request.accept !== '*/*' ? request.accept : 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
    return this.passThrough(`${pathOf(p)}/frames/${frames.join(',')}`, request, accept);
  }

  bulk(p: Required<DicomPath>, tagPath: string[], request: RequestInfo): Promise<Answer | null> {
    return this.passThrough(`${pathOf(p)}/bulk/${tagPath.join('/')}`, request, request.accept || 'multipart/related; type="application/octet-stream"');
  }

  async instanceCount(): Promise<number> {
    const stats = await this.client.json<{ CountInstances: number }>('GET', '/statistics');
    return stats?.CountInstances ?? 0;
  }
}

function pathOf(p: DicomPath): string {
  return `/studies/${p.study}${p.series ? `/series/${p.series}` : ''}${p.instance ? `/instances/${p.instance}` : ''}`;
}
