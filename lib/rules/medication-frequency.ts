/**
 * Dosing frequencies a prescription line may name, with the ward's standard administration times
 * (KST, `HH:MM`). The medication administration record derives due doses from these times; PRN
 * (as needed) and STAT (once, now) have no schedule of their own.
 */
export const FREQUENCIES = {
  QD: { label: '1일 1회', perDay: 1, times: ['09:00'] },
  BID: { label: '1일 2회', perDay: 2, times: ['09:00', '21:00'] },
  TID: { label: '1일 3회', perDay: 3, times: ['08:00', '13:00', '18:00'] },
  QID: { label: '1일 4회', perDay: 4, times: ['08:00', '12:00', '17:00', '21:00'] },
  Q8H: { label: '8시간마다', perDay: 3, times: ['06:00', '14:00', '22:00'] },
  Q12H: { label: '12시간마다', perDay: 2, times: ['09:00', '21:00'] },
  QHS: { label: '취침 전', perDay: 1, times: ['21:00'] },
  PRN: { label: '필요 시', perDay: 0, times: [] },
  STAT: { label: '즉시 1회', perDay: 0, times: [] },
} as const satisfies Record<string, { label: string; perDay: number; times: readonly string[] }>;

export type Frequency = keyof typeof FREQUENCIES;
export const FREQUENCY_CODES = Object.keys(FREQUENCIES) as Frequency[];

/** Routes of administration (the codes Korean prescriptions print, with their labels). */
export const ROUTES = {
  PO: '경구 (oral)',
  SL: '설하 (sublingual)',
  IV: '정맥 (intravenous)',
  IM: '근육 (intramuscular)',
  SC: '피하 (subcutaneous)',
  INH: '흡입 (inhaled)',
  TOP: '외용 (topical)',
  PR: '직장 (rectal)',
} as const;

export type Route = keyof typeof ROUTES;
export const ROUTE_CODES = Object.keys(ROUTES) as Route[];
