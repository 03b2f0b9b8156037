import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prescriptionNumber, prescriptionPdf } from '../../lib/documents/prescription-document.js';
import { certificateNumber, certificatePdf } from '../../lib/documents/certificate-document.js';
import { printable } from '../../lib/documents/pdf.js';
import { medicationLines } from '../../lib/rules/prescribing.js';
import { pdfText } from '../helpers/pdf.js';

const patient = { name: '김가상', patientNumber: 'P202600001', birthDate: '1990-01-01', gender: 'F', residentNumberMasked: '900101-2******', address: '예시로 1 (가상 주소)' };
const doctor = { name: '김호흡', licenseNumber: '90002', department: 'PULMONOLOGY' };
// 2026-11-25 23:30 KST is still the 25th in Korea, the 25th 14:30 in UTC.
const issuedAt = new Date('2026-11-25T14:30:00Z');

test('document numbers carry the KST year or day and the id', () => {
  assert.equal(prescriptionNumber(123, new Date('2026-12-31T15:30:00Z')), 'RX-2027-000123');
  assert.equal(certificateNumber(42, issuedAt), 'DX-20261125-000042');
});

test('symbols the font lacks are spelled out', () => {
  assert.equal(printable('38℃ ≥ 2회 ※'), '38°C >= 2회 *');
});

test('the 처방전 prints each line as the form asks, the validity and a discontinuation', async () => {
  const medications = medicationLines([
    { code: 'APAP500', dose: 1, frequency: 'PRN', days: 5, instructions: '38℃ 이상 발열 시' },
    { code: 'DEXA5I', dose: 4, frequency: 'Q8H', days: 3 },
  ]);
  const bytes = await prescriptionPdf({ id: 7, issuedAt, patient, doctor, diagnosisCode: 'J18.9', medications, notes: '재진', discontinued: { at: issuedAt, reason: '호전' } });
  assert.deepEqual(bytes, await prescriptionPdf({ id: 7, issuedAt, patient, doctor, diagnosisCode: 'J18.9', medications, notes: '재진', discontinued: { at: issuedAt, reason: '호전' } }), 'the same prescription prints the same bytes');
  const text = pdfText(bytes);
  if (text === null) return;
  for (const expected of ['RX-2026-000007', '김가상', 'P202600001', '900101-2******', 'J18.9', '호흡기내과', '의사 면허 제 90002호', '아세트아미노펜정 500mg',
    '필요 시', '경구, 38°C 이상 발열 시', '4mg', '3회 (8시간마다)', '정맥', '교부일부터 3일간 (2026년 11월 27일까지)', '중단되었습니다 (discontinued): 호전']) {
    assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
  }
});

test('the 진단서 prints the diagnosis, its dates and the signing doctor', async () => {
  const bytes = await certificatePdf({
    recordId: 42, issuedAt, patient, doctor, diagnosisCode: 'J18.9', diagnosisName: '상세불명의 폐렴', diagnosedOn: '2026-11-20', onsetOn: '2026-11-17',
    opinion: '항생제 투여', purpose: '회사 제출용',
  });
  const text = pdfText(bytes);
  if (text === null) return;
  for (const expected of ['진단서', '상세불명의 폐렴', 'J18.9', '2026년 11월 17일', '2026년 11월 20일', '항생제 투여', '회사 제출용', '의사 김호흡', '예시로 1 (가상 주소)']) {
    assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
  }
});
