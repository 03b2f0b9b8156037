/**
 * Groups of ingredients that interact alike, so one knowledge-base entry covers the class
 * (warfarin + any NSAID). Members are INNs `resolveDrug` knows; topical products are left out of
 * systemic classes on purpose (hydrocortisone here is a 1% cream).
 */
export const DRUG_CLASSES = {
  /** Non-aspirin NSAIDs; low-dose aspirin is an antiplatelet and has entries of its own. */
  nsaid: ['ibuprofen', 'naproxen', 'celecoxib', 'diclofenac', 'ketorolac', 'meloxicam'],
  antiplatelet: ['aspirin', 'clopidogrel'],
  ssri: ['sertraline', 'fluoxetine', 'paroxetine', 'citalopram', 'escitalopram'],
  maoi: ['selegiline', 'rasagiline', 'moclobemide'],
  /** The strong CYP3A4 inhibitors ZOCOR's contraindication names that a Korean ward meets. */
  strongCyp3a4Inhibitor: ['clarithromycin', 'erythromycin', 'itraconazole', 'ketoconazole', 'voriconazole', 'posaconazole'],
  /** Statins whose exposure rises many-fold under CYP3A4 inhibition. */
  cyp3a4Statin: ['simvastatin', 'lovastatin'],
  /** Inhibitors of warfarin's S-enantiomer metabolism named in the COUMADIN label. */
  cyp2c9Inhibitor: ['fluconazole', 'amiodarone', 'metronidazole', 'sulfamethoxazole', 'voriconazole'],
  /** PPIs that inhibit CYP2C19 enough to blunt clopidogrel's activation (pantoprazole does not). */
  cyp2c19Ppi: ['omeprazole', 'esomeprazole'],
  ppi: ['omeprazole', 'esomeprazole', 'pantoprazole'],
  fluoroquinolone: ['levofloxacin', 'ciprofloxacin'],
  macrolide: ['clarithromycin', 'azithromycin', 'erythromycin'],
  systemicCorticosteroid: ['dexamethasone', 'prednisolone'],
  gabapentinoid: ['pregabalin', 'gabapentin'],
  tetracycline: ['doxycycline', 'minocycline', 'tetracycline'],
} as const satisfies Record<string, readonly string[]>;
