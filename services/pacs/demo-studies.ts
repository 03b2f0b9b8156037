import { ctChestPhantom } from '../../lib/ai/phantom-studies.js';
import { parsePart10, summarize } from '../../lib/dicom/part10.js';
import type { PacsThis } from './pacs-types.js';

/** The demo's chest CT: the first demo patient (doctor.pulmo's), with a 9 mm solid nodule in the right lung. */
const DEMO_PATIENT_ID = 1;
const DEMO_NODULE = { centerMm: [-40, 0, 0] as [number, number, number], diameterMm: 9 };

/**
 * With demo data (CDSS_DEMO, CDSS_DEMO_IMAGING) an empty archive gets one synthetic chest CT, as a
 * modality would send it: the PACS calls it stable, the image records take it in, and the lung
 * pipeline analyses it (CDSS_AI_AUTO) — so `npm start` shows an AI result, a SEG and an SR on a
 * fresh machine through the same path a real study takes. The phantom says in its DICOM that it
 * is synthetic. An archive that holds anything is left alone (a restart stores nothing again).
 */
export async function storeDemoStudies(self: PacsThis): Promise<void> {
  const { config } = self.runtime;
  if (!config.demo || !config.demoImaging) return;
  if ((await self.archive.instanceCount()) > 0) return;
  // Read here like access.ts reads charts: the demo seed (identity actor) has written this row before any node serves.
  const patient = await self.db.models.Patient.findByPk(DEMO_PATIENT_ID);
  if (!patient) return;
  const files = ctChestPhantom({
    patient: { chartNumber: patient.patient_id, name: patient.name, birthDate: patient.birth_date.replaceAll('-', ''), sex: patient.gender === 'F' ? 'F' : 'M' },
    nodules: [DEMO_NODULE], size: 160, slices: 24, studyDescription: 'CT CHEST (demo phantom)',
  });
  for (const bytes of files) {
    const parsed = parsePart10(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    await self.storeValidated(bytes, parsed, summarize(parsed), 'MODALITY');
  }
  self.logger.info(`demo: a synthetic chest CT (${files.length} slices, 9 mm nodule) was stored for patient ${patient.patient_id}`);
}
