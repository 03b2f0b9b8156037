import { Errors } from 'moleculer';
import { drugByCode } from '../../lib/rules/formulary.js';
import { findLabTest } from '../../lib/rules/lab-catalogue.js';
import { findImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { prescribingProblems, type PrescriptionItemInput } from '../../lib/rules/prescribing.js';
import type { OrderType } from '../../lib/rules/order-status.js';
import type { OrderItem } from '../../models/ocs-order.js';

const { MoleculerClientError } = Errors;

/** An item as a doctor sends it; which fields apply depends on the order type. */
export type OrderItemInput = Partial<PrescriptionItemInput> & { code: string; notes?: string };

/** One problem with the items, addressed like the validator's errors (`items[1].code`). */
interface ItemProblem {
  field: string;
  message: string;
}

function fail(problems: ItemProblem[]): never {
  throw new MoleculerClientError(problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', problems);
}

/**
 * The ordered items checked against their catalogue — the formulary, the lab test catalogue or
 * the imaging procedures — and stored with the catalogue's name, so the order reads the same
 * even if a catalogue changes later. Unknown codes and repeated tests are refused (400).
 */
export function orderItems(type: OrderType, items: OrderItemInput[]): OrderItem[] {
  switch (type) {
    case 'PRESCRIPTION': {
      const problems = prescribingProblems(items as PrescriptionItemInput[]);
      if (problems.length) fail(problems);
      return items.map((item) => {
        const drug = drugByCode(item.code)!;
        return {
          code: drug.code, name: drug.name, dose: item.dose, frequency: item.frequency, days: item.days,
          route: item.route ?? drug.defaultRoute, ...(item.instructions ? { instructions: item.instructions } : {}),
        };
      });
    }
    case 'LAB': {
      const seen = new Set<string>();
      const problems: ItemProblem[] = [];
      const found = items.map((item, index) => {
        const test = findLabTest(item.code);
        if (!test) problems.push({ field: `items[${index}].code`, message: `검사 코드를 찾을 수 없습니다: ${item.code} (unknown lab test)` });
        else if (seen.has(test.code)) problems.push({ field: `items[${index}].code`, message: `같은 검사를 두 번 처방했습니다: ${item.code} (test ordered twice)` });
        if (test) seen.add(test.code);
        return { code: test?.code ?? item.code, name: test?.name ?? '', ...(item.notes ? { notes: item.notes } : {}) };
      });
      if (problems.length) fail(problems);
      return found;
    }
    case 'IMAGING': {
      // One procedure per order: radiology schedules, acquires and reports each under its own accession number.
      if (items.length !== 1) fail([{ field: 'items', message: '영상 오더는 검사 한 가지씩 내립니다 (one imaging procedure per order)' }]);
      const procedure = findImagingProcedure(items[0].code);
      if (!procedure) fail([{ field: 'items[0].code', message: `영상검사 코드를 찾을 수 없습니다: ${items[0].code} (unknown imaging procedure)` }]);
      return [{ code: procedure.code, name: procedure.name, ...(items[0].notes ? { notes: items[0].notes } : {}) }];
    }
  }
}
