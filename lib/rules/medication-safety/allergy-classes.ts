import { DRUG_ALLERGY_PARAMETER, NSAID_HYPERSENSITIVITY } from './sources.js';
import type { AlertSeverity } from './types.js';

/** Another group that may react in a patient allergic to this one, and how strongly to warn. */
export interface CrossSensitivity {
  members: readonly string[];
  severity: AlertSeverity;
  /** Why, in Korean and in English: shown after the allergy in the alert. */
  ko: string;
  en: string;
  source: string;
}

/**
 * A group of allergens. A patient's recorded substance names the group itself (`페니실린`) or one
 * of its members (`아목시실린`); either way every member is suspect at `withinGroup`, the member
 * named exactly is contraindicated, and the cross-sensitive groups get their own severity.
 */
export interface AllergyClass {
  id: string;
  ko: string;
  en: string;
  /** Free-text names of the group as charts record them, compared without case or spaces. */
  synonyms: readonly string[];
  /** INNs (as `resolveDrug` gives them). Empty for allergens no formulary drug contains. */
  members: readonly string[];
  withinGroup: AlertSeverity;
  source: string;
  crossSensitive: readonly CrossSensitivity[];
}

const CEPHALOSPORINS = ['cefazolin', 'cefalexin', 'cefaclor', 'cefuroxime', 'ceftriaxone'];
const PENICILLINS = ['amoxicillin', 'ampicillin', 'piperacillin', 'benzylpenicillin', 'phenoxymethylpenicillin'];

export const ALLERGY_CLASSES: readonly AllergyClass[] = [
  {
    id: 'penicillins', ko: '페니실린계', en: 'penicillins',
    synonyms: ['페니실린', '페니실린계', '페니실린계항생제', 'penicillin', 'penicillins', 'pcn'],
    members: PENICILLINS,
    withinGroup: 'contraindicated',
    source: `${DRUG_ALLERGY_PARAMETER} (penicillin allergy)`,
    crossSensitive: [{
      members: CEPHALOSPORINS, severity: 'major',
      ko: '세팔로스포린 교차반응 가능 (측쇄 유사성)', en: 'possible cephalosporin cross-reactivity through similar side chains',
      source: `${DRUG_ALLERGY_PARAMETER} (cephalosporin administration in penicillin-allergic patients)`,
    }],
  },
  {
    id: 'cephalosporins', ko: '세팔로스포린계', en: 'cephalosporins',
    synonyms: ['세팔로스포린', '세팔로스포린계', '세펨', '세펨계', 'cephalosporin', 'cephalosporins', 'cephem'],
    members: CEPHALOSPORINS,
    // Cross-reactivity among cephalosporins follows the R1 side chain, so other members are major, not a hard stop.
    withinGroup: 'major',
    source: `${DRUG_ALLERGY_PARAMETER} (cephalosporin allergy)`,
    crossSensitive: [{
      members: PENICILLINS, severity: 'major',
      ko: '페니실린 교차반응 가능', en: 'possible penicillin cross-reactivity',
      source: `${DRUG_ALLERGY_PARAMETER} (penicillin administration in cephalosporin-allergic patients)`,
    }],
  },
  {
    id: 'sulfonamides', ko: '설폰아미드계(설파제)', en: 'sulfonamide antibacterials',
    synonyms: ['설파', '설파제', '설파계', '술파', '술파제', '설폰아미드', '설폰아미드계', 'sulfa', 'sulpha', 'sulfonamide', 'sulfonamides', 'sulphonamide', 'sulfadrug', 'sulfadrugs'],
    members: ['sulfamethoxazole', 'sulfasalazine'],
    withinGroup: 'contraindicated',
    source: `${DRUG_ALLERGY_PARAMETER} (sulfonamide antibiotic allergy)`,
    crossSensitive: [{
      members: ['celecoxib'], severity: 'contraindicated',
      ko: '설폰아미드 과민반응 환자에게 셀레콕시브 투여 금기 (허가사항)', en: 'celecoxib is contraindicated after allergic-type reactions to sulfonamides',
      source: 'CELEBREX (celecoxib) US prescribing information, §4 Contraindications; MFDS 셀레콕시브 허가사항 (금기)',
    }],
  },
  {
    id: 'nsaids', ko: '아스피린·NSAID', en: 'aspirin/NSAIDs',
    synonyms: ['nsaid', 'nsaids', '소염진통제', '비스테로이드성소염진통제', '비스테로이드소염제', '엔세이드'],
    // Cyclo-oxygenase-1 inhibitors cross-react in aspirin/NSAID hypersensitivity.
    members: ['aspirin', 'ibuprofen', 'naproxen', 'diclofenac', 'ketorolac', 'meloxicam'],
    withinGroup: 'major',
    source: NSAID_HYPERSENSITIVITY,
    crossSensitive: [{
      members: ['celecoxib'], severity: 'moderate',
      ko: '선택적 COX-2 억제제는 대부분 내약되나 주의', en: 'selective COX-2 inhibitors are usually tolerated; use with caution',
      source: `${NSAID_HYPERSENSITIVITY}; ${DRUG_ALLERGY_PARAMETER} (NSAID hypersensitivity)`,
    }],
  },
  {
    id: 'iodinated-contrast', ko: '요오드 조영제', en: 'iodinated contrast media',
    synonyms: [
      '조영제', '요오드조영제', '요오드화조영제', '요오드', 'ct조영제', 'contrast', 'contrastmedia', 'contrastmedium', 'contrastdye',
      'iodinatedcontrast', 'iodinatedcontrastmedia', 'iodinatedcontrastmedium', 'radiocontrast', 'iodine',
    ],
    members: [],
    withinGroup: 'major',
    source: 'ACR Manual on Contrast Media (American College of Radiology, 2023): patients with a prior allergic-like reaction to iodinated contrast media',
    crossSensitive: [],
  },
];
