import { EMA_DOMPERIDONE, EMA_METOCLOPRAMIDE } from './sources.js';

/**
 * The labelled adult maximum of an ingredient, in mg. Only ingredients whose label states a
 * maximum are here; weight-based drugs (enoxaparin, isotretinoin), drugs with loading doses
 * (amiodarone, clopidogrel) and drugs titrated to effect (warfarin) are left out on purpose.
 */
export interface DoseRange {
  inn: string;
  maxSingleMg?: number;
  maxDailyMg?: number;
  /** A lower daily maximum for older patients, where the label gives one. */
  elderly?: { olderThanYears: number; maxDailyMg: number };
  source: string;
}

export const DOSE_RANGES: readonly DoseRange[] = [
  { inn: 'paracetamol', maxSingleMg: 1000, maxDailyMg: 4000, source: 'OFIRMEV (acetaminophen) US prescribing information, §2 (adults: 1,000 mg per dose, max 4,000 mg/day); MFDS 아세트아미노펜 허가사항 (1일 최대 4 g)' },
  { inn: 'ibuprofen', maxSingleMg: 800, maxDailyMg: 3200, source: 'Ibuprofen tablets (MOTRIN) US prescribing information, Dosage and Administration (400–800 mg per dose, do not exceed 3,200 mg/day)' },
  { inn: 'naproxen', maxDailyMg: 1500, source: 'NAPROSYN (naproxen) US prescribing information, §2 (up to 1,500 mg/day for limited periods)' },
  // The label allows 400 mg + 200 mg on the first day of acute pain only; a standing order above 400 mg/day is an error.
  { inn: 'celecoxib', maxSingleMg: 400, maxDailyMg: 400, source: 'CELEBREX (celecoxib) US prescribing information, §2 Dosage and Administration' },
  { inn: 'tramadol', maxSingleMg: 100, maxDailyMg: 400, elderly: { olderThanYears: 75, maxDailyMg: 300 }, source: 'ULTRAM (tramadol) US prescribing information, §2 (50–100 mg every 4–6 h, max 400 mg/day; over 75 years max 300 mg/day)' },
  { inn: 'pregabalin', maxDailyMg: 600, source: 'LYRICA (pregabalin) US prescribing information, §2 (max 600 mg/day)' },
  { inn: 'gabapentin', maxDailyMg: 3600, source: 'NEURONTIN (gabapentin) US prescribing information, §2 (doses up to 3,600 mg/day)' },
  { inn: 'levetiracetam', maxDailyMg: 3000, source: 'KEPPRA (levetiracetam) US prescribing information, §2 (max 1,500 mg twice daily)' },
  { inn: 'levofloxacin', maxDailyMg: 750, source: 'LEVAQUIN (levofloxacin) US prescribing information, §2 (250, 500 or 750 mg once daily)' },
  { inn: 'clarithromycin', maxSingleMg: 500, maxDailyMg: 1000, source: 'BIAXIN (clarithromycin) US prescribing information, §2 (250–500 mg every 12 hours)' },
  { inn: 'cefuroxime', maxSingleMg: 500, maxDailyMg: 1000, source: 'CEFTIN (cefuroxime axetil) tablets US prescribing information, §2 (250–500 mg twice daily)' },
  { inn: 'ceftriaxone', maxDailyMg: 4000, source: 'ROCEPHIN (ceftriaxone) US prescribing information, Dosage and Administration (total daily dose should not exceed 4 grams)' },
  { inn: 'doxycycline', maxDailyMg: 200, source: 'VIBRAMYCIN (doxycycline) US prescribing information, Dosage and Administration (100 mg every 12 hours at most)' },
  { inn: 'montelukast', maxDailyMg: 10, source: 'SINGULAIR (montelukast) US prescribing information, §2 (adults 10 mg once daily)' },
  { inn: 'cetirizine', maxDailyMg: 10, source: 'ZYRTEC (cetirizine) labelling, Directions (adults: do not take more than 10 mg in 24 hours)' },
  { inn: 'levocetirizine', maxDailyMg: 5, source: 'XYZAL (levocetirizine) US prescribing information, §2 (adults 5 mg once daily)' },
  { inn: 'fexofenadine', maxDailyMg: 180, source: 'ALLEGRA (fexofenadine) US prescribing information, §2 (180 mg once daily or 60 mg twice daily)' },
  { inn: 'dextromethorphan', maxSingleMg: 30, maxDailyMg: 120, source: '21 CFR 341.74(d) (adults: 10–20 mg every 4 h or 30 mg every 6–8 h, not to exceed 120 mg in 24 hours)' },
  { inn: 'metoclopramide', maxSingleMg: 10, maxDailyMg: 30, source: EMA_METOCLOPRAMIDE },
  { inn: 'domperidone', maxSingleMg: 10, maxDailyMg: 30, source: EMA_DOMPERIDONE },
  { inn: 'simvastatin', maxDailyMg: 40, source: 'ZOCOR (simvastatin) US prescribing information, §2 (usual 20–40 mg/day; 80 mg restricted to patients already on it for 12 months without myopathy)' },
  { inn: 'atorvastatin', maxDailyMg: 80, source: 'LIPITOR (atorvastatin) US prescribing information, §2 (10–80 mg once daily)' },
  { inn: 'sertraline', maxDailyMg: 200, source: 'ZOLOFT (sertraline) US prescribing information, §2 (max 200 mg/day)' },
  { inn: 'metformin', maxDailyMg: 2550, source: 'GLUCOPHAGE (metformin) US prescribing information, §2 (immediate release: max 2,550 mg/day)' },
  { inn: 'terbinafine', maxDailyMg: 250, source: 'LAMISIL (terbinafine) tablets US prescribing information, §2 (250 mg once daily)' },
  { inn: 'tamoxifen', maxDailyMg: 40, source: 'Tamoxifen citrate tablets US prescribing information, Dosage and Administration (20–40 mg daily)' },
];
