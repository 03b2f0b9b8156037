import { SPECIMEN_TYPES, type SpecimenType } from '../../lib/rules/lab-analytes.js';
import { findLabTest } from '../../lib/rules/lab-catalogue.js';
import type { OrderItem } from '../../models/ocs-order.js';

const TUBE_ORDER = Object.keys(SPECIMEN_TYPES) as SpecimenType[];

/** The tubes an order needs, one per specimen type, in the order of SPECIMEN_TYPES. */
export function tubesFor(items: OrderItem[]): SpecimenType[] {
  const needed = new Set(items.map((item) => findLabTest(item.code)?.specimen).filter((s): s is SpecimenType => s !== undefined));
  return TUBE_ORDER.filter((type) => needed.has(type));
}

/**
 * The label barcode of an order's tube: `L`, the order id in 9 digits and the tube kind's digit
 * (`L0000001232` is order 123's serum tube). One tube of a kind per order makes it unique, and a
 * Code 128 scanner reads it in one pass.
 */
export function barcodeFor(orderId: number, type: SpecimenType): string {
  return `L${String(orderId).padStart(9, '0')}${TUBE_ORDER.indexOf(type) + 1}`;
}

/** A tube as worklists show it: the kind, its Korean name and the cap to draw into. */
export function tubeLabel(type: SpecimenType) {
  return { specimenType: type, ...SPECIMEN_TYPES[type] };
}
