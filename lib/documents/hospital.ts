/**
 * The issuing institution printed on every document (처방전, 진단서, 영수증). The demo hospital is
 * fictitious, like its patients; a deployment replaces these lines with its own registration.
 */
export const HOSPITAL = {
  name: 'CDSS 가상대학교병원',
  address: '서울특별시 가상구 예시로 1 (가상 주소)',
  phone: '02-0000-0000',
} as const;
