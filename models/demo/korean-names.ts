import type { Department, Gender } from '../../lib/constants.js';

/** Building blocks for fictitious demo patients. */
export const FAMILY_NAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'] as const;

export const GIVEN_NAMES: Record<Gender, readonly string[]> = {
  M: ['민수', '지훈', '현우', '도윤', '서준', '준호', '성민', '재원', '동현', '영호', '상철', '정우'],
  F: ['서연', '지은', '민지', '수빈', '하은', '지영', '은정', '미경', '혜진', '유나', '소희', '영숙'],
  O: ['하늘', '다온'],
};

export const STREETS = ['종로구 예시로', '중구 샘플길', '마포구 가상대로', '강남구 테스트로', '서초구 데모길'] as const;

/** A few KCD-8 diagnoses per department for demo records (names come from lib/rules/kcd.ts). */
export const DEMO_DIAGNOSES: Record<Department, { code: string; symptoms: string; treatment: string }[]> = {
  PULMONOLOGY: [
    { code: 'J18.9', symptoms: '발열, 기침, 가래', treatment: '항생제 투여, 흉부 X-ray 추적' },
    { code: 'J44.9', symptoms: '호흡곤란, 만성 기침', treatment: '흡입기 처방, 폐기능 검사' },
    { code: 'R91', symptoms: '무증상, 건강검진상 결절', treatment: '저선량 CT 추적 관찰' },
  ],
  NEUROSURGERY: [
    { code: 'G44.2', symptoms: '두통, 어지러움', treatment: '진통제, 뇌 MRI 의뢰' },
    { code: 'M51.2', symptoms: '요통, 하지 방사통', treatment: '물리치료, 신경차단술 상담' },
  ],
  BREAST_SURGERY: [
    { code: 'N63', symptoms: '만져지는 멍울', treatment: '유방 초음파, 조직검사 예정' },
    { code: 'D24', symptoms: '무증상', treatment: '6개월 후 초음파 추적' },
  ],
  GASTROENTEROLOGY: [
    { code: 'K86.1', symptoms: '상복부 통증, 체중 감소', treatment: '췌장 CT, 효소제' },
    { code: 'K29.7', symptoms: '속쓰림, 소화불량', treatment: 'PPI 처방, 내시경 예약' },
  ],
  DERMATOLOGY: [
    { code: 'L82', symptoms: '갈색 구진', treatment: '경과 관찰, 피부경 촬영' },
    { code: 'D22.9', symptoms: '비대칭 색소 병변', treatment: '피부경 검사, 조직검사 권유' },
  ],
};
