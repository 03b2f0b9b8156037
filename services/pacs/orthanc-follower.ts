import { randomBytes } from 'node:crypto';
import type { LoggerInstance } from 'moleculer';
import { parsePart10, summarize } from '../../lib/dicom/part10.js';
import type { PacsSource } from '../../models/pacs.js';
import type { Database } from '../runtime.js';
import type { ArchiveEvents } from './archive.js';
import { CursorStore } from './cursor.js';
import type { OrthancClient } from './orthanc-client.js';

interface Change {
  ChangeType: string;
  ID: string;
  ResourceType: string;
  Seq: number;
}
interface ChangesPage {
  Changes: Change[];
  Done: boolean;
  Last: number;
}

const CURSOR = 'orthanc-changes';
const PAGE = 100;
const POLL_MS = 1000;
const RETRY_MS = 5000;
/** Longer than a slow page of changes; a node that dies loses the stream to another after this. */
const LEASE_MS = 30_000;

const intOrNull = (value: string | undefined) => (value && /^\s*-?\d+\s*$/.test(value) ? Number(value) : null);
const textOrNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

/** A change whose handling must be retried later (Orthanc or the database is unreachable), not skipped. */
const isTransient = (err: unknown) => ['PACS_UNAVAILABLE'].includes(String((err as { type?: string }).type));

/**
 * Follows Orthanc's `/changes` (TECH-NOTES: `since`/`limit`, `Done`, `Last`) from the sequence
 * kept in `pacs_cursor`, so a restart neither misses nor repeats a page: `StableStudy` becomes
 * `series.stable` per series and `study.stable`, and a `NewInstance` that came in over DIMSE
 * (a modality's C-STORE, Origin `DicomProtocol`) becomes `pacs.instanceStored`. Instances stored
 * through CDSS were announced when stored. Of several nodes, the holder of the cursor's lease follows.
 */
export class ChangeFollower {
  private readonly cursor: CursorStore;
  private readonly owner: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly client: OrthancClient,
    db: Database,
    private readonly events: ArchiveEvents,
    private readonly logger: LoggerInstance,
    nodeId: string,
    private readonly hooks: { storedHere(orthancId: string): boolean; sourceOf(studyInstanceUid: string): PacsSource | undefined },
  ) {
    this.cursor = new CursorStore(db, CURSOR);
    this.owner = `${nodeId}:${randomBytes(4).toString('hex')}`.slice(0, 100);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.cursor.release(this.owner).catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then((next) => this.schedule(next));
    }, ms);
    this.timer.unref();
  }

  /** One round: hold the lease, read pages until Orthanc says done; the delay until the next round. */
  private async tick(): Promise<number> {
    try {
      if (!(await this.cursor.lease(this.owner, LEASE_MS))) return POLL_MS;
      let handled = await this.cursor.position();
      for (;;) {
        const page = await this.client.json<ChangesPage>('GET', `/changes?since=${handled}&limit=${PAGE}`);
        if (!page) return RETRY_MS;
        for (const change of page.Changes) {
          if (this.stopped) break;
          try {
            await this.handle(change);
          } catch (err) {
            if (isTransient(err)) {
              await this.cursor.save(this.owner, handled);
              throw err;
            }
            // The resource went away (deleted) or is unreadable: log and move past it.
            this.logger.warn(`Orthanc change ${change.Seq} (${change.ChangeType} ${change.ID}) skipped:`, (err as Error).message);
          }
          handled = change.Seq;
        }
        if (!(await this.cursor.save(this.owner, handled))) return POLL_MS; // lease lost to another node
        if (page.Done || this.stopped) return POLL_MS;
        await this.cursor.lease(this.owner, LEASE_MS);
      }
    } catch (err) {
      this.logger.warn('Orthanc change follower:', (err as Error).message);
      return RETRY_MS;
    }
  }

  private async handle(change: Change): Promise<void> {
    if (change.ChangeType === 'StableStudy') await this.studyStable(change.ID);
    else if (change.ChangeType === 'NewInstance' && !this.hooks.storedHere(change.ID)) await this.newInstance(change.ID);
  }

  private async origin(instanceId: string): Promise<string | null> {
    const res = await this.client.request('GET', `/instances/${instanceId}/metadata/Origin`);
    return res.status === 200 ? res.body.toString('utf8').trim() : null;
  }

  private async newInstance(id: string): Promise<void> {
    if ((await this.origin(id)) !== 'DicomProtocol') return;
    const file = await this.client.request('GET', `/instances/${id}/file`);
    if (file.status !== 200) return;
    this.events.instanceStored({ instance: summarize(parsePart10(file.body)), source: 'MODALITY' });
  }

  private async studyStable(id: string): Promise<void> {
    const study = await this.client.json<{ MainDicomTags: Record<string, string>; PatientMainDicomTags: Record<string, string> }>('GET', `/studies/${id}`);
    const series = await this.client.json<{ MainDicomTags: Record<string, string>; Instances: string[] }[]>('GET', `/studies/${id}/series?expand`);
    if (!study || !series) return; // deleted since
    const studyInstanceUid = study.MainDicomTags.StudyInstanceUID ?? '';
    const patientId = study.PatientMainDicomTags.PatientID ?? '';
    const accessionNumber = textOrNull(study.MainDicomTags.AccessionNumber);
    const firstInstance = series.find((s) => s.Instances.length > 0)?.Instances[0];
    const source: PacsSource = this.hooks.sourceOf(studyInstanceUid)
      ?? (firstInstance && (await this.origin(firstInstance)) === 'DicomProtocol' ? 'MODALITY' : 'STOW');
    for (const s of series) {
      this.events.seriesStable({
        studyInstanceUid, seriesInstanceUid: s.MainDicomTags.SeriesInstanceUID ?? '', patientId, accessionNumber,
        modality: s.MainDicomTags.Modality ?? '', seriesNumber: intOrNull(s.MainDicomTags.SeriesNumber), instanceCount: s.Instances.length, source,
      });
    }
    this.events.studyStable({
      studyInstanceUid, patientId, accessionNumber,
      modalities: [...new Set(series.map((s) => s.MainDicomTags.Modality).filter(Boolean))].sort(),
      instanceCount: series.reduce((n, s) => n + s.Instances.length, 0),
      source,
    });
  }
}
