/**
 * Citations shared by several knowledge-base entries. US labels are cited by section of the
 * current prescribing information (PLR format) so a pharmacist can find the sentence.
 */
export const ONC_HIGH_PRIORITY =
  'ONC high-priority DDI list: Phansalkar S, et al. High-priority drug–drug interactions for use in electronic health records. J Am Med Inform Assoc 2012;19(5):735–743';
export const COUMADIN_LABEL = 'COUMADIN (warfarin sodium) US prescribing information, §7 Drug Interactions';
export const ZOCOR_LABEL = 'ZOCOR (simvastatin) US prescribing information, §4 Contraindications; §7 Drug Interactions';
export const METHOTREXATE_LABEL = 'Methotrexate tablets US prescribing information, §7 Drug Interactions';
export const ULTRAM_LABEL = 'ULTRAM (tramadol) US prescribing information, §4 Contraindications; §5 Serotonin syndrome; §7 Drug Interactions';
export const AMIODARONE_LABEL = 'Amiodarone tablets (PACERONE) US prescribing information, §7 Drug Interactions';
export const NSAID_CLASS_LABEL =
  'FDA NSAID class labelling, e.g. CELEBREX (celecoxib) US prescribing information §5.2 Gastrointestinal bleeding (risk factors: oral corticosteroids, anticoagulants, antiplatelets, SSRIs)';
export const DRUG_ALLERGY_PARAMETER =
  'Khan DA, et al. Drug allergy: A 2022 practice parameter update. J Allergy Clin Immunol 2022;150(6):1333–1393';
export const NSAID_HYPERSENSITIVITY =
  'Kowalski ML, et al. Classification and practical approach to the diagnosis and management of hypersensitivity to nonsteroidal anti-inflammatory drugs. Allergy 2013;68(10):1219–1232';
export const EMA_DOMPERIDONE =
  'EMA/CMDh Article 31 referral on domperidone (2014): contraindicated with potent CYP3A4 inhibitors and QT-prolonging drugs; max 10 mg up to 3 times daily';
export const EMA_METOCLOPRAMIDE =
  'EMA Article 31 referral on metoclopramide (2013): adults 10 mg up to 3 times daily, max 30 mg/day, max 5 days';
export const HIRA_DUR_DUPLICATION = 'HIRA DUR 점검기준: 동일성분 중복 · 효능군 중복 (same-ingredient and therapeutic-class duplication)';
export const WHO_ATC = 'WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index';
