import { findAnalyte, type Analyte } from '../../lib/rules/lab-catalogue.js';
import { invalidField } from '../errors.js';

/**
 * What the LIS's action files share: the parameter rules they repeat, the analyte lookup for a
 * query parameter, and turning a Sequelize row into the plain attributes the actions answer.
 */

export const id = { type: 'number', integer: true, positive: true, convert: true } as const;
export const resultValue = { type: 'multi', rules: [{ type: 'number' }, { type: 'string', min: 1, max: 32 }] } as const;
export const includePreliminary = { type: 'boolean', convert: true, optional: true } as const;

/** The plain attributes of a Sequelize row. */
export const plain = <T>(row: { get(options: { plain: true }): unknown }) => row.get({ plain: true }) as T;

/** The catalogue analyte of a code sent by a client; 400 on `field` when it is unknown. */
export function analyteParam(code: string, field = 'code'): Analyte {
  const analyte = findAnalyte(code);
  if (!analyte) invalidField(field, `검사 항목 코드를 찾을 수 없습니다: ${code} (unknown analyte)`);
  return analyte;
}
