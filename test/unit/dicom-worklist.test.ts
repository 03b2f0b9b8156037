import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import {
  CDSS_IMPLEMENTATION_CLASS_UID, dicomText, kstDicomDateTime, MWL_FIND_SOP_CLASS, removeWorklistFile, worklistAccessions,
  worklistAttributes, worklistFileBytes, worklistFileName, writeWorklistFile, type WorklistEntry,
} from '../../lib/dicom/worklist.js';
import { isDicomUid, uuidDerivedUid } from '../../lib/dicom/uid.js';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

const entry: WorklistEntry = {
  scheduleId: 17,
  accessionNumber: 'A20261126000042',
  studyInstanceUid: uuidDerivedUid('6f1c2f0e-8a4b-4c1d-9e2f-0123456789ab'),
  orderNumber: 'O20261126000123',
  priority: 'STAT',
  procedure: { code: 'CT-CHEST-C', name: '흉부 CT (조영)', nameEn: 'CT chest with contrast', modality: 'CT', bodyPart: 'CHEST', contrast: true },
  room: { code: 'CT1', name: 'CT실 1', stationAeTitle: 'CT1' },
  // 00:30 UTC is 09:30 KST the same day.
  scheduledAt: new Date('2026-11-26T00:30:00Z'),
  patient: { chartNumber: 'P2025000001', name: '김민수', birthDate: '1961-03-07', sex: 'M', allergies: ['iodinated contrast', 'penicillin'] },
  orderingDoctor: { familyName: '김', givenName: '호흡' },
};

/** Reads a Part-10 file back with dcmjs: the file meta and the naturalized dataset. */
function readBack(bytes: Buffer) {
  const file = DicomMessage.readFile(new Uint8Array(bytes).buffer);
  return { meta: DicomMetaDictionary.naturalizeDataset(file.meta), data: DicomMetaDictionary.naturalizeDataset(file.dict) };
}

describe('DICOM UIDs', () => {
  test('a UUID becomes one 2.25 UID (PS3.5 B.2): deterministic, valid, at most 64 characters', () => {
    assert.equal(uuidDerivedUid('00000000-0000-0000-0000-000000000001'), '2.25.1');
    assert.equal(uuidDerivedUid('ffffffff-ffff-ffff-ffff-ffffffffffff'), `2.25.${2n ** 128n - 1n}`);
    for (let i = 0; i < 50; i++) {
      const uid = uuidDerivedUid();
      assert.ok(isDicomUid(uid), uid);
      assert.ok(uid.length <= 64);
    }
    assert.notEqual(uuidDerivedUid(), uuidDerivedUid());
    assert.equal(isDicomUid('1.2.03'), false);
    assert.throws(() => uuidDerivedUid('not-a-uuid'));
  });
});

describe('Modality Worklist items', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdss-wl-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the item carries the patient, the order and one scheduled step in KST', () => {
    const item = worklistAttributes(entry);
    assert.equal(item.SpecificCharacterSet, 'ISO_IR 192');
    assert.equal(item.PatientName, '김민수');
    assert.equal(item.PatientID, 'P2025000001');
    assert.equal(item.PatientBirthDate, '19610307');
    assert.equal(item.PatientSex, 'M');
    assert.deepEqual(item.Allergies, ['iodinated contrast', 'penicillin']);
    assert.equal(item.AccessionNumber, 'A20261126000042');
    assert.equal(item.ReferringPhysicianName, '김^호흡');
    assert.equal(item.RequestedProcedurePriority, 'STAT');
    assert.equal(item.RequestedProcedureID, 'RP17');
    assert.equal(item.PlacerOrderNumberImagingServiceRequest, 'O20261126000123');
    assert.deepEqual(item.RequestedProcedureCodeSequence, [{ CodeValue: 'CT-CHEST-C', CodingSchemeDesignator: '99CDSS', CodeMeaning: 'CT chest with contrast' }]);
    const [step] = item.ScheduledProcedureStepSequence;
    assert.deepEqual(
      [step.Modality, step.ScheduledStationAETitle, step.ScheduledProcedureStepStartDate, step.ScheduledProcedureStepStartTime, step.ScheduledProcedureStepID, step.ScheduledProcedureStepStatus],
      ['CT', 'CT1', '20261126', '093000', 'SPS17', 'SCHEDULED'],
    );
    assert.match(step.RequestedContrastAgent!, /iodinated/);
    assert.equal(worklistAttributes({ ...entry, procedure: { ...entry.procedure, contrast: false } }).ScheduledProcedureStepSequence[0].RequestedContrastAgent, undefined);
    assert.equal(worklistAttributes(entry, 'STARTED').ScheduledProcedureStepSequence[0].ScheduledProcedureStepStatus, 'STARTED');
  });

  test('KST date and time cross midnight correctly', () => {
    assert.deepEqual(kstDicomDateTime(new Date('2026-11-26T15:05:09Z')), { date: '20261127', time: '000509' });
  });

  test('text is fit for DICOM: no backslash or control characters, no stray PN delimiters, limited length', () => {
    assert.equal(dicomText('a\\b\nc', 64), 'a b c');
    assert.equal(dicomText('가'.repeat(70), 64).length, 64);
    const item = worklistAttributes({ ...entry, patient: { ...entry.patient, name: '홍^길동=X', sex: 'U', birthDate: null } });
    assert.equal(item.PatientName, '홍 길동 X');
    assert.equal(item.PatientSex, '');
    assert.equal(item.PatientBirthDate, '');
  });

  test('the Part-10 file has the worklist file meta and reads back with every attribute', () => {
    const bytes = worklistFileBytes(worklistAttributes(entry));
    assert.equal(bytes.subarray(128, 132).toString('latin1'), 'DICM');
    const { meta, data } = readBack(bytes);
    assert.equal(meta.MediaStorageSOPClassUID, MWL_FIND_SOP_CLASS);
    assert.equal(meta.TransferSyntaxUID, '1.2.840.10008.1.2.1');
    assert.equal(meta.ImplementationClassUID, CDSS_IMPLEMENTATION_CLASS_UID);
    assert.ok(isDicomUid(meta.MediaStorageSOPInstanceUID as string));
    assert.equal(data.SpecificCharacterSet, 'ISO_IR 192');
    assert.deepEqual(data.PatientName, [{ Alphabetic: '김민수' }]);
    assert.deepEqual(data.ReferringPhysicianName, [{ Alphabetic: '김^호흡' }]);
    assert.equal(data.PatientID, 'P2025000001');
    assert.equal(data.AccessionNumber, 'A20261126000042');
    assert.equal(data.StudyInstanceUID, entry.studyInstanceUid);
    assert.equal(data.RequestedProcedureDescription, '흉부 CT (조영)');
    const steps = data.ScheduledProcedureStepSequence as Record<string, unknown>[];
    assert.equal(steps.length, 1);
    assert.equal(steps[0].Modality, 'CT');
    assert.equal(steps[0].ScheduledStationAETitle, 'CT1');
    assert.equal(steps[0].ScheduledProcedureStepStartDate, '20261126');
    // dcmjs decodes text inside sequence items without the dataset's character set, so the
    // step's Korean description is checked as UTF-8 bytes in the file instead.
    assert.ok(bytes.includes(Buffer.from('흉부 CT (조영)', 'utf8')));
  });

  test('files are written atomically under <accession>.wl, replaced in place and removed idempotently', async () => {
    const file = await writeWorklistFile(dir, worklistAttributes(entry));
    assert.equal(file, path.join(dir, 'A20261126000042.wl'));
    await writeWorklistFile(dir, worklistAttributes({ ...entry, room: { code: 'CT2', name: 'CT실 2', stationAeTitle: 'CT2' } }));
    assert.deepEqual(readdirSync(dir), ['A20261126000042.wl'], 'no temp file is left behind');
    const steps = readBack(readFileSync(file)).data.ScheduledProcedureStepSequence as Record<string, unknown>[];
    assert.equal(steps[0].ScheduledStationAETitle, 'CT2');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a worklist file');
    assert.deepEqual(await worklistAccessions(dir), ['A20261126000042']);
    await removeWorklistFile(dir, 'A20261126000042');
    await removeWorklistFile(dir, 'A20261126000042');
    assert.deepEqual(await worklistAccessions(dir), []);
    assert.deepEqual(await worklistAccessions(path.join(dir, 'missing')), []);
  });

  test('an accession that could escape the folder is refused', () => {
    assert.throws(() => worklistFileName('../etc/passwd'));
    assert.throws(() => worklistFileName('A'.repeat(17)));
  });

  test('dcmtk reads the file as a modality would, Korean text included', (t) => {
    let dump: string;
    try {
      const file = path.join(dir, 'dcmtk.wl');
      writeFileSync(file, worklistFileBytes(worklistAttributes(entry)));
      dump = execFileSync('dcmdump', ['+U8', file], { encoding: 'utf8' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && process.env.CDSS_REQUIRE_SERVICES !== '1') {
        t.skip('dcmdump (dcmtk) is not installed');
        return;
      }
      throw err;
    }
    assert.match(dump, /\(0010,0010\) PN \[김민수\]/);
    assert.match(dump, /\(0040,0007\) LO \[흉부 CT \(조영\)\]/);
    assert.match(dump, /\(0040,0001\) AE \[CT1\]/);
    assert.match(dump, /\(0008,0005\) CS \[ISO_IR 192\]/);
  });
});
