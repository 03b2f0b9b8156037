import { isChosungQuery, toChosung } from '../korean/chosung.js';
import { searchFormulary } from './formulary.js';
import { searchLabTests } from './lab-catalogue.js';
import { IMAGING_PROCEDURES, IMAGING_MODALITIES, type ImagingProcedure } from './imaging-procedures.js';
import type { OrderType } from './order-status.js';

/** One orderable thing of any catalogue, as the order screen lists it. */
export interface CatalogueEntry {
  type: OrderType;
  code: string;
  name: string;
  /** English name or ingredient. */
  nameEn: string;
  /** One line of what else the doctor needs to pick it: strength and form, tube, modality and contrast. */
  detail: string;
}

const compact = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/**
 * Imaging procedures matching a search box entry: part of the Korean or English name, its 초성,
 * the start of the code, or the modality or body part (`MR`, `CHEST`).
 */
export function searchImagingProcedures(query?: string): ImagingProcedure[] {
  const term = query?.trim() ?? '';
  if (!term) return [...IMAGING_PROCEDURES];
  const needle = compact(term);
  const upper = term.toUpperCase();
  const chosung = isChosungQuery(term) ? term.replace(/\s/g, '') : null;
  return IMAGING_PROCEDURES.filter((p) => compact(p.name).includes(needle) || compact(p.nameEn).includes(needle)
    || (chosung !== null && toChosung(p.name).includes(chosung)) || p.code.startsWith(upper) || p.modality === upper || p.bodyPart === upper);
}

/** One search over the three catalogues a doctor orders from (formulary, lab tests, imaging). */
export function searchOrderCatalogue(type: OrderType | undefined, query?: string): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  if (!type || type === 'PRESCRIPTION') {
    entries.push(...searchFormulary(query).map((d) => ({
      type: 'PRESCRIPTION' as const, code: d.code, name: d.name, nameEn: d.ingredient, detail: `${d.strength} ${d.form} · ATC ${d.atcCode}`,
    })));
  }
  if (!type || type === 'LAB') {
    entries.push(...searchLabTests(query).map((t) => ({
      type: 'LAB' as const, code: t.code, name: t.name, nameEn: t.nameEn, detail: `LOINC ${t.loinc} · ${t.analytes.length}항목`,
    })));
  }
  if (!type || type === 'IMAGING') {
    entries.push(...searchImagingProcedures(query).map((p) => ({
      type: 'IMAGING' as const, code: p.code, name: p.name, nameEn: p.nameEn,
      detail: `${IMAGING_MODALITIES[p.modality]} · ${p.bodyPart}${p.contrast ? ' · 조영제' : ''}`,
    })));
  }
  return entries;
}
