import { ALLERGY_CLASSES, type AllergyClass } from './allergy-classes.js';
import { koreanName, resolveDrug } from './drug-resolution.js';
import { SEVERITY_RANK, type AlertSeverity, type MedicationAlert, type PatientAllergy, type ResolvedDrug } from './types.js';

/** What one recorded substance means: a group (`페니실린`) or a drug (`아목시실린`) and the groups it belongs to. */
export interface Allergen {
  /** Stable part of the alert key: the group id, or the drug's ingredients. */
  id: string;
  /** How the alert names it: the group's or the ingredient's name, whatever language the chart used. */
  ko: string;
  en: string;
  /** Ingredients named exactly (an allergy to the drug itself); empty for a group. */
  exact: string[];
  groups: AllergyClass[];
}

const compact = (text: string) => text.normalize('NFC').replace(/\([^)]*\)/g, '').replace(/\s+/g, '').toLowerCase();
/** Charts write `페니실린 알레르기`, `sulfa allergy`, `아스피린 과민반응`: the suffix says nothing about the substance. */
const ALLERGY_SUFFIX = /(알레르기|알러지|앨러지|과민반응|과민증|과민성|allergy|allergies|allergic|hypersensitivity)$/;
/** `페니실린계`, `세팔로스포린계열`: the class suffix, tried only when the whole name matched nothing. */
const CLASS_SUFFIX = /(계열|계)$/;

const BY_SYNONYM = new Map<string, AllergyClass>();
for (const group of ALLERGY_CLASSES) for (const name of group.synonyms) BY_SYNONYM.set(compact(name), group);

function allergenOf(name: string): Allergen | undefined {
  const bare = compact(name).replace(ALLERGY_SUFFIX, '');
  for (const candidate of [bare, bare.replace(CLASS_SUFFIX, '')]) {
    if (!candidate) continue;
    const group = BY_SYNONYM.get(candidate);
    if (group) return { id: group.id, ko: group.ko, en: group.en, exact: [], groups: [group] };
    const drug = resolveDrug({ name: candidate });
    if (drug) {
      const groups = ALLERGY_CLASSES.filter((g) => drug.ingredients.some((ingredient) => g.members.includes(ingredient)));
      const id = drug.ingredients.join('+');
      return { id, ko: drug.ingredients.map(koreanName).join('/'), en: drug.ingredients.join('/'), exact: drug.ingredients, groups };
    }
  }
  return undefined;
}

/**
 * The allergens a recorded substance names; one entry may list several (`페니실린, 설파`).
 * Substances that are not drugs (`땅콩`) or not known give none.
 */
export function allergensOf(substance: string): Allergen[] {
  return substance.split(/[,;、]/).map((part) => allergenOf(part)).filter((a): a is Allergen => a !== undefined);
}

interface Finding { severity: AlertSeverity; ko: string; en: string; source: string }

function findingFor(allergen: Allergen, ingredient: string): Finding | undefined {
  if (allergen.exact.includes(ingredient)) {
    return { severity: 'contraindicated', ko: '해당 성분 알레르기, 투여 금기', en: 'allergy to this ingredient, contraindicated', source: 'Product labelling, Contraindications: known hypersensitivity to the active substance' };
  }
  const findings: Finding[] = [];
  for (const group of allergen.groups) {
    if (group.members.includes(ingredient)) {
      findings.push({ severity: group.withinGroup, ko: `${group.ko} 약물`, en: `one of the ${group.en}`, source: group.source });
    }
    for (const cross of group.crossSensitive) if (cross.members.includes(ingredient)) findings.push(cross);
  }
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
}

/** Drug–allergy alerts for one drug against the patient's recorded allergies. */
export function allergyAlerts(drug: ResolvedDrug, allergies: PatientAllergy[]): MedicationAlert[] {
  const alerts: MedicationAlert[] = [];
  for (const allergy of allergies) {
    // Stored JSON is free text from many hands: skip an entry without a usable substance rather than fail the order.
    if (typeof allergy?.substance !== 'string' || !allergy.substance.trim()) continue;
    for (const allergen of allergensOf(allergy.substance)) {
      for (const ingredient of drug.ingredients) {
        const finding = findingFor(allergen, ingredient);
        if (!finding) continue;
        alerts.push({
          key: `drug-allergy:${allergen.id}:${ingredient}`,
          severity: finding.severity,
          type: 'drug-allergy',
          message: `${allergen.ko} 알레르기 환자에게 ${drug.label}: ${finding.ko} (${allergen.en} allergy + ${ingredient}: ${finding.en})`,
          source: finding.source,
          drugs: [ingredient],
        });
      }
    }
  }
  return alerts;
}

/** For imaging orders with contrast: an alert when a recorded allergy is to iodinated contrast media (`조영제`). */
export function contrastAllergyAlert(allergies: PatientAllergy[]): MedicationAlert | undefined {
  const allergy = allergies.find((a) => typeof a?.substance === 'string' && allergensOf(a.substance).some((allergen) => allergen.id === 'iodinated-contrast'));
  if (!allergy) return undefined;
  const group = ALLERGY_CLASSES.find((g) => g.id === 'iodinated-contrast')!;
  const reaction = typeof allergy.reaction === 'string' && allergy.reaction.trim() ? ` (이전 반응: ${allergy.reaction.trim()})` : '';
  return {
    key: 'drug-allergy:iodinated-contrast',
    severity: 'major',
    type: 'drug-allergy',
    message: `조영제 알레르기${reaction}: 요오드 조영제 사용 전 전처치 또는 비조영 검사 검토 (iodinated contrast allergy: consider premedication or a non-contrast study)`,
    source: group.source,
    drugs: ['iodinated contrast media'],
  };
}
