import type { Role } from '../constants.js';

/**
 * The access policy as data: every permission an action can declare, the roles that hold it, and
 * what it means. The rbac mixin consults only this table; the test suite generates one allowed
 * and one denied call per row, so a permission cannot ship untested.
 *
 * Three pseudo-permissions are not rows: `public` (no token needed), `authenticated` (any signed-in
 * user of either realm) and `internal` (service-to-service, never routed by the gateway).
 */
export const POLICY = {
  'patients.read': {
    roles: ['doctor', 'nurse', 'front_desk', 'radiology_technician', 'radiologist', 'pharmacy_system', 'lab_system'],
    description: '환자 목록·상세 조회 (row scope applies; 약제부·검사실 시스템: 식별·알레르기만) / list and read patients',
  },
  'patients.create': {
    roles: ['front_desk', 'doctor'],
    description: '환자 등록 / register a patient',
  },
  'patients.update': {
    roles: ['front_desk', 'doctor', 'nurse'],
    description: '환자 정보 수정 (역할별 수정 가능 항목 제한) / update a patient, fields limited per role',
  },
  'patients.delete': {
    roles: ['front_desk'],
    description: '환자 삭제 (소프트 삭제) / soft-delete a registration',
  },
  'patients.status': {
    roles: ['front_desk', 'doctor', 'nurse'],
    description: '입원·퇴원·외래 상태 변경 / admit, discharge, return to outpatient',
  },
  'records.read': {
    roles: ['doctor', 'nurse', 'radiologist'],
    description: '진료 기록 조회 (간호사·영상의학과: 의사 메모 제외) / read medical records',
  },
  'appointments.read': {
    roles: ['doctor', 'nurse', 'front_desk'],
    description: '예약 조회 (달력, 목록) / read appointments',
  },
  'appointments.write': {
    roles: ['front_desk', 'doctor'],
    description: '예약 생성·변경·상태 변경·취소 (의사: 본인 진료 예약만 생성·변경·취소) / book, reschedule, move through the status flow, cancel; doctors book, move and cancel in their own calendar only',
  },
  'records.write': {
    roles: ['doctor'],
    description: '진료 기록 작성·서명·정정 / write, sign and amend medical records',
  },
  'nursing.read': {
    roles: ['nurse', 'doctor'],
    description: '활력징후·간호기록 조회 / read vitals and nursing notes',
  },
  'nursing.write': {
    roles: ['nurse'],
    description: '활력징후·간호기록 입력 / chart vitals and nursing notes',
  },
  'prescriptions.read': {
    roles: ['doctor', 'nurse'],
    description: '처방 조회·처방전 출력 / read prescriptions and print the 처방전',
  },
  'prescriptions.write': {
    roles: ['doctor'],
    description: '처방·진단서 발행, 처방 중단 / prescribe, discontinue, issue the 진단서',
  },
  'mar.read': {
    roles: ['nurse', 'doctor'],
    description: '투약 기록 조회 (예정 투약 포함) / read the medication administration record',
  },
  'mar.write': {
    roles: ['nurse'],
    description: '투약 기록 (투약·보류·거부) / chart a dose given, held or refused',
  },
  'billing.read': {
    roles: ['front_desk'],
    description: '수납·청구 조회, 일일 정산, 영수증 출력 / read bills, payments, settlement, receipts',
  },
  'billing.write': {
    roles: ['front_desk'],
    description: '진료비 산정·수납·환불, 보험 정보 / charge, take payment, refund, record insurance',
  },
  'screening.read': {
    roles: ['doctor', 'nurse'],
    description: '폐암 검진 설문·위험도 조회 / read lung screening questionnaires and risk',
  },
  'screening.write': {
    roles: ['doctor', 'nurse'],
    description: '폐암 검진 설문 입력, PLCOm2012 위험도 계산 / record a questionnaire and compute PLCOm2012 risk',
  },
  'dashboard.doctor': {
    roles: ['doctor'],
    description: '의사 대시보드 / doctor dashboard',
  },
  'dashboard.nurse': {
    roles: ['nurse'],
    description: '간호사 대시보드 / nurse dashboard',
  },
  'dashboard.front-desk': {
    roles: ['front_desk'],
    description: '원무과 대시보드 / front desk dashboard',
  },
  'statistics.read': {
    roles: ['doctor', 'front_desk', 'sysadmin'],
    description: '통계 (일별 예약·수납·진료과별 환자) / daily appointments, payments, patients per department',
  },
  'break-glass': {
    roles: ['doctor', 'nurse', 'radiologist'],
    description: '응급 열람: 담당 범위 밖 환자 기록 열람 (사유 필수, 감사 표시) / emergency access outside scope',
  },
  'staff.manage': {
    roles: ['sysadmin'],
    description: '직원 계정 관리 / create, disable, reset and assign staff accounts',
  },
  'audit.read': {
    roles: ['sysadmin'],
    description: '감사 로그 조회·검증 / read and verify the audit log',
  },
  'orders.read': {
    roles: ['doctor', 'nurse', 'radiology_technician', 'radiologist', 'pharmacy_system', 'lab_system'],
    description: '오더 조회 (처방·검사·영상, 상태 이력) / read OCS orders and their status history',
  },
  'orders.write': {
    roles: ['doctor'],
    description: '오더 입력·취소, 약물 안전 점검 / place and cancel orders, run the medication safety check',
  },
  'pharmacy.dispense': {
    roles: ['pharmacy_system'],
    description: '조제 작업목록, 조제중·조제완료 처리 (약제부 시스템 계정) / dispensing worklist and status updates',
  },
  // <ocs permissions>
  'lab.read': {
    roles: ['doctor', 'nurse'],
    description: '검사 목록·결과·누적 결과 조회 / lab catalogue, results and trends',
  },
  'lab.collect': {
    roles: ['nurse', 'doctor'],
    description: '채혈 대기 목록, 검체 채취 (바코드 라벨) / collection worklist, collect specimens',
  },
  'lab.results.write': {
    roles: ['lab_system'],
    description: '검사 작업목록, 검체 접수, 결과 입력·확정·수정 (검사실 장비 계정) / lab worklist, receive specimens, enter, verify and correct results',
  },
  'lab.critical.ack': {
    roles: ['doctor'],
    description: '위급 검사 결과 목록·확인 / critical results awaiting acknowledgement, acknowledge them',
  },
  // <lis permissions>
  'ris.read': {
    roles: ['radiology_technician', 'radiologist', 'doctor'],
    description: '촬영 의뢰·스케줄·촬영실·워크리스트 조회 / read imaging requests, schedules, rooms and the modality worklist',
  },
  'ris.schedule': {
    roles: ['radiology_technician'],
    description: '촬영 예약·변경, 촬영 시작·완료, 워크리스트 재생성 / book and move imaging slots, start and complete acquisitions, rebuild the worklist',
  },
  'dashboard.radiographer': {
    roles: ['radiology_technician'],
    description: '방사선사 대시보드 / radiographer dashboard',
  },
  // <ris permissions>
  'reports.read': {
    roles: ['doctor', 'radiologist'],
    description: '영상 판독서 조회 (의사: 서명된 판독만) / read radiology reports; doctors see signed reports only',
  },
  'reports.write': {
    roles: ['radiologist'],
    description: '영상 판독서 작성·예비/최종 서명·수정판독 / draft, sign and amend radiology reports',
  },
  'reports.release': {
    roles: ['doctor'],
    description: '최종 판독서 환자 공개 / release a final radiology report to the patient portal',
  },
  'dashboard.radiologist': {
    roles: ['radiologist'],
    description: '영상의학과 대시보드 (판독 대기, 오늘의 판독 현황, 판독 통계) / radiologist dashboard',
  },
  // <radiology report permissions>
  'images.read': {
    roles: ['doctor', 'nurse', 'radiology_technician', 'radiologist', 'patient'],
    description: '의료 영상 조회 (DICOMweb: 검색·영상·메타데이터·프레임; 담당 범위의 환자만, 환자는 본인만) / read images through DICOMweb, within the row scope',
  },
  'images.write': {
    roles: ['radiology_technician', 'radiologist', 'doctor'],
    description: '의료 영상 저장 (STOW-RS, 업로드; 담당 범위의 환자만) / store images: STOW-RS and upload, for patients in scope',
  },
  // <pacs permissions>
  'images.qc': {
    roles: ['radiology_technician'],
    description: '영상 품질 검사 소견 확인 완료 / resolve the quality-check findings of a study',
  },
  // <medical image permissions>
  'ai.analyze': {
    roles: ['doctor', 'radiologist'],
    description: 'AI 영상 분석 요청 (진료과 파이프라인: 검출·측정·가이드라인 권고; 담당 범위의 환자만) / request a department AI analysis of a study in scope',
  },
  // <ai analysis permissions>
  'chat.read': {
    roles: ['doctor', 'nurse', 'radiology_technician', 'radiologist'],
    description: '채팅방·메시지 조회, 읽음 처리 (참여한 방만) / read chat rooms and messages, read receipts; member rooms only',
  },
  'chat.write': {
    roles: ['doctor', 'nurse', 'radiology_technician', 'radiologist'],
    description: '채팅방 생성·참여자 관리·메시지 전송 (진료상담: 환자의 진료팀만) / create rooms, manage members, send messages; consultation rooms for the care team',
  },
  // <chat permissions>
  'portal.self': {
    roles: ['patient'],
    description: '환자 포털: 본인 정보 / patient portal, own data only',
  },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type Permission = keyof typeof POLICY;
export type ActionPermission = Permission | 'public' | 'authenticated' | 'internal';
export const PERMISSIONS = Object.keys(POLICY) as Permission[];

/** True when the role holds the permission in the policy table. */
export function roleHas(role: Role, permission: Permission): boolean {
  return (POLICY[permission].roles as readonly Role[]).includes(role);
}
