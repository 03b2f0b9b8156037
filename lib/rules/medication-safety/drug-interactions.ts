import { INTERACTIONS, type Interaction } from './interactions.js';
import { pairKey, type MedicationAlert, type ResolvedDrug } from './types.js';

/** Every entry indexed by its ingredient pair, so a check is one lookup per pair of ingredients. */
const BY_PAIR = new Map<string, Interaction>();
for (const entry of INTERACTIONS) {
  for (const a of entry.a) for (const b of entry.b) BY_PAIR.set(pairKey(a, b), entry);
}

/** The knowledge-base entry for two ingredients, in either order. */
export function interactionOf(a: string, b: string): Interaction | undefined {
  return BY_PAIR.get(pairKey(a, b));
}

/** Drug–drug alerts between two drugs: each ingredient of one against each of the other. */
export function interactionAlerts(x: ResolvedDrug, y: ResolvedDrug): MedicationAlert[] {
  const alerts: MedicationAlert[] = [];
  for (const a of x.ingredients) {
    for (const b of y.ingredients) {
      const entry = a === b ? undefined : interactionOf(a, b);
      if (!entry) continue;
      alerts.push({
        key: `drug-drug:${pairKey(a, b)}`,
        severity: entry.severity,
        type: 'drug-drug',
        message: entry.message,
        source: entry.source,
        drugs: [a, b].sort(),
      });
    }
  }
  return alerts;
}
