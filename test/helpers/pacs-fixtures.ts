import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';

const { DicomMessage, DicomDict } = dcmjs.data;

/** The DICOM fixtures (test/fixtures/dicom, copied from ../shared/fixtures/dicom with their SOURCES.md lines). */
const FIXTURES = existsSync(path.resolve('test/fixtures/dicom/ct_series_77654033')) ? path.resolve('test/fixtures/dicom') : '/work/shared/fixtures/dicom';
/** The fixture CT series: 4 slices of 16×16, patient 77654033 (pydicom test files). */
export const CT_SERIES = readdirSync(path.join(FIXTURES, 'ct_series_77654033')).sort().map((f) => readFileSync(path.join(FIXTURES, 'ct_series_77654033', f)));
/** A 320×240 RGB ultrasound frame, 231 kB. */
export const US_RGB = readFileSync(path.join(FIXTURES, 'US_rgb_single.dcm'));

export const arrayBufferOf = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export interface RewrittenStudy {
  studyUid: string;
  seriesUid: string;
  sopUids: string[];
  files: Buffer[];
}

/**
 * The fixture series as another study of a patient of ours: new Study/Series/SOP Instance UIDs,
 * our chart number as PatientID and the patient's Korean name (so UTF-8 travels too).
 */
export function rewriteSeries(files: Buffer[], patient: { chartNumber: string; name: string }): RewrittenStudy {
  const studyUid = uuidDerivedUid();
  const seriesUid = uuidDerivedUid();
  const sopUids: string[] = [];
  const out = files.map((file) => {
    const message = DicomMessage.readFile(arrayBufferOf(file));
    const dict = new DicomDict(message.meta);
    dict.dict = message.dict;
    const sop = uuidDerivedUid();
    sopUids.push(sop);
    dict.meta['00020003'] = { vr: 'UI', Value: [sop] };
    Object.assign(dict.dict, {
      '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
      '00080018': { vr: 'UI', Value: [sop] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: patient.name }] },
      '00100020': { vr: 'LO', Value: [patient.chartNumber] },
      '0020000D': { vr: 'UI', Value: [studyUid] },
      '0020000E': { vr: 'UI', Value: [seriesUid] },
    });
    return Buffer.from(dict.write());
  });
  return { studyUid, seriesUid, sopUids, files: out };
}

/** A multipart/related STOW-RS body of application/dicom parts. */
export function stowBody(parts: Buffer[], boundary = 'cdss-suite-boundary'): { body: Buffer; contentType: string } {
  const chunks = parts.flatMap((p) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), p, Buffer.from('\r\n')]);
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}
