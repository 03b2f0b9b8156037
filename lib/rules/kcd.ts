import type { Department } from '../constants.js';

/**
 * The KCD-8 (Korean Standard Classification of Diseases, ICD-10 based) codes the five departments
 * use most, bundled so diagnoses are coded without a network lookup. Extend the list as the
 * departments ask; the code is what records and claims carry.
 */
export interface KcdCode {
  code: string;
  name: string;
  department: Department;
}

export const KCD_CODES: KcdCode[] = [
  { code: 'C34.9', name: '상세불명의 기관지 또는 폐의 악성 신생물', department: 'PULMONOLOGY' },
  { code: 'J18.9', name: '상세불명의 폐렴', department: 'PULMONOLOGY' },
  { code: 'J44.9', name: '상세불명의 만성 폐쇄성 폐질환', department: 'PULMONOLOGY' },
  { code: 'J45.9', name: '상세불명의 천식', department: 'PULMONOLOGY' },
  { code: 'A15.0', name: '폐결핵, 배양 유무와 관계없이 객담현미경검사로 확인된 것', department: 'PULMONOLOGY' },
  { code: 'J84.1', name: '섬유증을 동반한 기타 간질성 폐질환', department: 'PULMONOLOGY' },
  { code: 'R91', name: '폐의 진단영상상 이상소견', department: 'PULMONOLOGY' },
  { code: 'C71.9', name: '상세불명의 뇌의 악성 신생물', department: 'NEUROSURGERY' },
  { code: 'D32.9', name: '상세불명의 수막의 양성 신생물', department: 'NEUROSURGERY' },
  { code: 'I61.9', name: '상세불명의 뇌내출혈', department: 'NEUROSURGERY' },
  { code: 'I67.1', name: '파열되지 않은 대뇌동맥류', department: 'NEUROSURGERY' },
  { code: 'S06.5', name: '외상성 경막하출혈', department: 'NEUROSURGERY' },
  { code: 'M51.2', name: '기타 명시된 추간판 전위', department: 'NEUROSURGERY' },
  { code: 'G44.2', name: '긴장형 두통', department: 'NEUROSURGERY' },
  { code: 'C50.9', name: '상세불명의 유방의 악성 신생물', department: 'BREAST_SURGERY' },
  { code: 'D05.1', name: '유방의 관내 제자리암종', department: 'BREAST_SURGERY' },
  { code: 'D24', name: '유방의 양성 신생물', department: 'BREAST_SURGERY' },
  { code: 'N60.1', name: '유방의 미만성 낭성 유방병증', department: 'BREAST_SURGERY' },
  { code: 'N63', name: '유방의 상세불명의 덩이', department: 'BREAST_SURGERY' },
  { code: 'C25.9', name: '상세불명의 췌장의 악성 신생물', department: 'GASTROENTEROLOGY' },
  { code: 'K85.9', name: '상세불명의 급성 췌장염', department: 'GASTROENTEROLOGY' },
  { code: 'K86.1', name: '기타 만성 췌장염', department: 'GASTROENTEROLOGY' },
  { code: 'K86.2', name: '췌장의 낭', department: 'GASTROENTEROLOGY' },
  { code: 'K29.7', name: '상세불명의 위염', department: 'GASTROENTEROLOGY' },
  { code: 'K21.9', name: '식도염을 동반하지 않은 위-식도역류병', department: 'GASTROENTEROLOGY' },
  { code: 'C16.9', name: '상세불명의 위의 악성 신생물', department: 'GASTROENTEROLOGY' },
  { code: 'C43.9', name: '상세불명의 악성 흑색종', department: 'DERMATOLOGY' },
  { code: 'C44.9', name: '상세불명의 피부의 악성 신생물', department: 'DERMATOLOGY' },
  { code: 'D22.9', name: '상세불명의 멜라닌세포성 모반', department: 'DERMATOLOGY' },
  { code: 'L82', name: '지루각화증', department: 'DERMATOLOGY' },
  { code: 'L20.9', name: '상세불명의 아토피피부염', department: 'DERMATOLOGY' },
  { code: 'L40.0', name: '보통건선', department: 'DERMATOLOGY' },
  { code: 'L57.0', name: '광선각화증', department: 'DERMATOLOGY' },
];

const BY_CODE = new Map(KCD_CODES.map((entry) => [entry.code, entry]));

export function kcdByCode(code: string): KcdCode | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/**
 * Codes matching a query by code prefix (`J18`, case-insensitive) or by part of the Korean name
 * (`폐렴`), optionally within one department; code order.
 */
export function searchKcd(query = '', department?: Department): KcdCode[] {
  const q = query.trim();
  const upper = q.toUpperCase();
  return KCD_CODES
    .filter((entry) => !department || entry.department === department)
    .filter((entry) => !q || entry.code.startsWith(upper) || entry.code.replace('.', '').startsWith(upper) || entry.name.includes(q))
    .sort((a, b) => a.code.localeCompare(b.code));
}
