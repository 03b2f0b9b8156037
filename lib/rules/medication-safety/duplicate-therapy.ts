import { HIRA_DUR_DUPLICATION, WHO_ATC } from './sources.js';
import { pairKey, type MedicationAlert, type ResolvedDrug } from './types.js';

/**
 * ATC groups compared at the 3rd level because their 4th-level split is chemical, not
 * therapeutic: an NSAID is an NSAID whether it is a propionic acid (M01AE) or a coxib (M01AH).
 */
const THIRD_LEVEL_GROUPS = ['M01A'];
/** Groups where two members together are standard therapy, not duplication: dual antiplatelet therapy (aspirin + P2Y12 inhibitor). */
const DELIBERATE_COMBINATIONS = ['B01AC'];

/** The therapeutic group of an ATC code: its 4th level (chemical subgroup), or the 3rd for the groups above. */
export function therapeuticGroup(atcCode: string | null): string | null {
  if (!atcCode || atcCode.length < 5) return null;
  const third = THIRD_LEVEL_GROUPS.find((group) => atcCode.startsWith(group));
  const group = third ?? atcCode.slice(0, 5);
  return DELIBERATE_COMBINATIONS.includes(group) ? null : group;
}

/**
 * Duplication between two drugs: a shared ingredient is major (a double dose of the same
 * substance); otherwise the same therapeutic group is moderate. At most one alert per pair.
 */
export function duplicateAlert(x: ResolvedDrug, y: ResolvedDrug): MedicationAlert | undefined {
  const shared = x.ingredients.filter((ingredient) => y.ingredients.includes(ingredient)).sort();
  if (shared.length > 0) {
    const names = shared.join(', ');
    return {
      key: `duplicate-therapy:${shared.join('+')}`,
      severity: 'major',
      type: 'duplicate-therapy',
      message: `동일 성분 중복 처방: ${x.label} / ${y.label} (same ingredient prescribed twice: ${names})`,
      source: HIRA_DUR_DUPLICATION,
      drugs: shared,
    };
  }
  const group = therapeuticGroup(x.atcCode);
  if (!group || group !== therapeuticGroup(y.atcCode)) return undefined;
  const drugs = [...new Set([...x.ingredients, ...y.ingredients])].sort();
  return {
    key: `duplicate-therapy:${group}:${pairKey(x.ingredients.join('/'), y.ingredients.join('/'))}`,
    severity: 'moderate',
    type: 'duplicate-therapy',
    message: `동일 효능군(ATC ${group}) 중복 처방: ${x.label} / ${y.label} (therapeutic duplication, ATC ${group}: ${drugs.join(' + ')})`,
    source: `${HIRA_DUR_DUPLICATION}; ${WHO_ATC} (${group})`,
    drugs,
  };
}
