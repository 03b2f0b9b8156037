import assert from 'node:assert/strict';
import type { Service } from 'moleculer';
import { ctChestPhantom, type PhantomPatient } from '../../lib/ai/phantom-studies.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import type { AnalysisAnswer, AnalysisDone } from '../../services/ai/analysis.service.js';
import type { ImageRecorded } from '../../services/pacs/medical-images.service.js';
import { TEST_PASSWORD, type TestNode } from './node.js';

/**
 * What the AI analysis suite (test/integration/ai-analysis.test.ts) does again and again: log in,
 * book an imaging order, upload a phantom study, wait for analyses, read notifications and audit
 * rows — all through the node's real HTTP API and broker.
 */

export const LOGINS = ['doctor.pulmo', 'doctor.neuro', 'nurse', 'radtech', 'radiologist'] as const;
export type Login = (typeof LOGINS)[number];

/** A small chest CT (160² × 24 slices at 1.2 × 1.2 × 2 mm): the lung pipeline runs it in a few seconds. */
export function chestCt(patient: PhantomPatient, nodules: { centerMm: [number, number, number]; diameterMm: number }[], accessionNumber?: string): Buffer[] {
  return ctChestPhantom({ patient, nodules, size: 160, slices: 24, ...(accessionNumber ? { accessionNumber } : {}) });
}

/** KST days ahead, one hour per booking, so slots never collide (as in ris.test.ts). */
let slots = 0;
function nextSlot(): string {
  const day = new Date(Date.now() + 9 * 3600_000 + (2 + Math.floor(slots / 24)) * 86_400_000).toISOString().slice(0, 10);
  const hour = String(slots++ % 24).padStart(2, '0');
  return new Date(`${day}T${hour}:00:00+09:00`).toISOString();
}

export class AiSuite {
  readonly tokens = new Map<Login, string>();
  readonly done: AnalysisDone[] = [];
  readonly recorded: ImageRecorded[] = [];

  constructor(readonly t: TestNode) {}

  async start(): Promise<void> {
    const { done, recorded } = this;
    await this.t.node.broker.createService({
      name: 'ai-analysis-test-listener',
      events: {
        'ai.analysisDone'(this: Service, ctx: { params: AnalysisDone }) { done.push(ctx.params); },
        'image.recorded'(this: Service, ctx: { params: ImageRecorded }) { recorded.push(ctx.params); },
      },
    });
    for (const login of LOGINS) this.tokens.set(login, (await this.t.http.loginStaff(login, TEST_PASSWORD)).accessToken);
  }

  as(login: Login) {
    return { token: this.tokens.get(login)! };
  }

  async patient(id: number): Promise<PhantomPatient> {
    const { models } = await this.t.node.runtime.database();
    const p = (await models.Patient.findByPk(id))!;
    return { chartNumber: p.patient_id, name: p.name, birthDate: '19600101', sex: 'M' };
  }

  /** A CT-CHEST order by doctor.pulmo, booked by the radiographer: its RIS entry. */
  async scheduledChestCt(patientId: number): Promise<{ id: number; accession_number: string }> {
    const order = await this.t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId, items: [{ code: 'CT-CHEST' }] }, this.as('doctor.pulmo'));
    assert.equal(order.status, 200, JSON.stringify(order.body));
    const entry = await this.t.http.post('/api/v1/ris/schedules', { orderId: order.body.id, room: 'CT1', scheduledAt: nextSlot() }, this.as('radtech'));
    assert.equal(entry.status, 200, JSON.stringify(entry.body));
    return entry.body;
  }

  /** The radiographer's upload of DICOM files; answers the study's image row. */
  async upload(fields: Record<string, string | number>, files: Buffer[]): Promise<{ id: number; status: string; study_instance_uid: string }> {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
    files.forEach((file, n) => form.append('files', new Blob([new Uint8Array(file)], { type: 'application/dicom' }), `${n}.dcm`));
    const res = await fetch(`${this.t.http.baseUrl}/api/v1/medical-images`, { method: 'POST', headers: { authorization: `Bearer ${this.tokens.get('radtech')}` }, body: form });
    const body = await res.json() as { studies: { id: number; status: string; study_instance_uid: string }[] };
    assert.equal(res.status, 201, JSON.stringify(body));
    return body.studies[0]!;
  }

  analyses(imageId: number, login: Login = 'radiologist') {
    return this.t.http.get<{ items: AnalysisAnswer[]; total: number }>(`/api/v1/medical-images/${imageId}/analyze?pageSize=100`, this.as(login));
  }

  /** Polls until the image has `count` analyses and none is waiting or running; answers them newest first. */
  async settled(imageId: number, count = 1, timeoutMs = 90_000): Promise<AnalysisAnswer[]> {
    return until(`analyses of image ${imageId}`, async () => {
      const res = await this.analyses(imageId);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const items = res.body.items;
      return items.length >= count && items.every((a) => a.status === 'DONE' || a.status === 'FAILED') ? items : undefined;
    }, timeoutMs);
  }

  async notifications(login: Login): Promise<{ notification_type: string; related_resource_type: string | null; related_resource_id: string | null; title: string }[]> {
    const res = await this.t.http.get('/api/v1/notifications?pageSize=100', this.as(login));
    assert.equal(res.status, 200);
    return res.body.items;
  }

  async auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
    await this.t.node.broker.call('audit.flush');
    const { models } = await this.t.node.runtime.database();
    return (await models.ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] })).map((r) => r.get({ plain: true }));
  }
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
