import { FORMULARY, drugByCode, type FormularyDrug } from '../formulary.js';
import { COMBINATION_ALIASES, COMBINATION_ATC, INN_NAMES } from './inn-names.js';
import type { DrugRef, ResolvedDrug } from './types.js';

/** Names are compared without case or spaces, so `Simvastatin`, `아목시실린 캡슐 500mg` and `potassium  chloride` match. */
const compact = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toLowerCase();
/** `paracetamol (acetaminophen)` names paracetamol: the parenthesis is a gloss, not a second ingredient. */
const withoutGloss = (text: string) => text.replace(/\([^)]*\)/g, ' ');
/** Combination separators: `amoxicillin/clavulanic acid`, `A + B`, and the Korean middle dot (`아목시실린·클라불란산`). */
const PART_SEPARATOR = /[/+·]/;

const CANONICAL = new Map<string, string>();
for (const { inn, ko, aliases = [] } of INN_NAMES) {
  for (const name of [inn, ...ko, ...aliases]) CANONICAL.set(compact(name), inn);
}
const COMBINATIONS = new Map(Object.entries(COMBINATION_ALIASES).map(([alias, inn]) => [compact(alias), inn]));

/**
 * The canonical lowercase INNs named by a text (`Amoxicillin/Clavulanate` → amoxicillin, clavulanic
 * acid), or undefined when any part is unknown: a half-known combination is not checked as if whole.
 */
export function canonicalIngredients(text: string): string[] | undefined {
  const bare = withoutGloss(text);
  const single = CANONICAL.get(compact(bare));
  if (single) return [single];
  const expanded = COMBINATIONS.get(compact(bare)) ?? bare;
  const parts = expanded.split(PART_SEPARATOR).map((part) => CANONICAL.get(compact(part)));
  if (parts.some((part) => part === undefined)) return undefined;
  return [...new Set(parts as string[])];
}

const KOREAN_NAME = new Map(INN_NAMES.map(({ inn, ko }) => [inn, ko[0]]));

/** The Korean name of an INN (`warfarin` → 와파린), or the INN where none is recorded. */
export function koreanName(inn: string): string {
  return KOREAN_NAME.get(inn) ?? inn;
}

const ingredientsKey = (ingredients: string[]) => [...ingredients].sort().join('/');

const FORMULARY_INGREDIENTS = new Map(FORMULARY.map((drug) => [drug.code, canonicalIngredients(drug.ingredient) ?? []]));

const ATC_BY_INGREDIENTS = new Map<string, string>(Object.entries(COMBINATION_ATC));
for (const { inn, atcCode } of INN_NAMES) if (atcCode) ATC_BY_INGREDIENTS.set(inn, atcCode);
// The formulary wins: its products are what the ward actually dispenses.
for (const drug of FORMULARY) ATC_BY_INGREDIENTS.set(ingredientsKey(FORMULARY_INGREDIENTS.get(drug.code)!), drug.atcCode);

function fromFormulary(drug: FormularyDrug): ResolvedDrug {
  return { code: drug.code, label: drug.name, ingredients: [...FORMULARY_INGREDIENTS.get(drug.code)!], atcCode: drug.atcCode };
}

/**
 * A drug the checks can reason about. `code` → the formulary product (an unknown code is
 * undefined, whatever the name says). `name` → a formulary product by its exact Korean name, else a
 * generic drug by INN in any case, synonym (`acetaminophen` = paracetamol) or Korean ingredient
 * name (`와파린`): such a name-only drug has `code: null`, because the strength of a home
 * medication is unknown and dose checks need it. Undefined when nothing matches.
 */
export function resolveDrug(ref: DrugRef): ResolvedDrug | undefined {
  if (ref.code !== undefined && ref.code.trim() !== '') {
    const drug = drugByCode(ref.code);
    return drug ? fromFormulary(drug) : undefined;
  }
  const name = ref.name?.trim();
  if (!name) return undefined;
  const product = FORMULARY.find((drug) => compact(drug.name) === compact(name));
  if (product) return fromFormulary(product);
  const ingredients = canonicalIngredients(name);
  if (!ingredients) return undefined;
  return { code: null, label: ingredients.join('/'), ingredients, atcCode: ATC_BY_INGREDIENTS.get(ingredientsKey(ingredients)) ?? null };
}
