import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMULARY, searchFormulary } from '../../lib/rules/formulary.js';
import {
  checkMedications, contrastAllergyAlert, resolveDrug,
  type DoseLine, type MedicationAlert, type MedicationCheckInput, type PatientAllergy, type ResolvedDrug,
} from '../../lib/rules/medication-safety/index.js';
import { ALLERGY_CLASSES } from '../../lib/rules/medication-safety/allergy-classes.js';
import { mgPerDoseUnit } from '../../lib/rules/medication-safety/dose-check.js';
import { DOSE_RANGES } from '../../lib/rules/medication-safety/dose-ranges.js';
import { INN_NAMES } from '../../lib/rules/medication-safety/inn-names.js';
import { INTERACTIONS } from '../../lib/rules/medication-safety/interactions.js';
import { pairKey } from '../../lib/rules/medication-safety/types.js';

/** A formulary drug by code, or a generic drug by name; fails the test when it does not resolve. */
function drug(ref: string): ResolvedDrug {
  const resolved = /^[A-Z0-9]+$/.test(ref) ? resolveDrug({ code: ref }) : resolveDrug({ name: ref });
  assert.ok(resolved, `${ref} resolves`);
  return resolved;
}

function check(proposed: (string | [string, DoseLine])[], options: { active?: string[]; allergies?: (string | PatientAllergy)[]; ageYears?: number } = {}): MedicationAlert[] {
  const input: MedicationCheckInput = {
    proposed: proposed.map((line) => (typeof line === 'string' ? { drug: drug(line) } : { drug: drug(line[0]), dose: line[1] })),
    active: (options.active ?? []).map(drug),
    allergies: (options.allergies ?? []).map((a) => (typeof a === 'string' ? { substance: a } : a)),
    patient: { ageYears: options.ageYears ?? 50 },
  };
  return checkMedications(input);
}

const byKey = (alerts: MedicationAlert[], key: string) => alerts.find((a) => a.key === key);

/** The one alert with this key, with the fields every alert must carry. */
function expectAlert(alerts: MedicationAlert[], key: string, severity: MedicationAlert['severity'], type: MedicationAlert['type']): MedicationAlert {
  const alert = byKey(alerts, key);
  assert.ok(alert, `${key} in ${JSON.stringify(alerts.map((a) => a.key))}`);
  assert.equal(alert.severity, severity, key);
  assert.equal(alert.type, type, key);
  assert.ok(alert.source.trim().length > 10, `${key} cites a source`);
  assert.match(alert.message, /^[^a-zA-Z(]*[가-힣].*\(.*[a-z].*\)$/, `${key}: Korean first, English in parentheses`);
  assert.ok(alert.drugs.length > 0 && alert.drugs.every((d) => d === d.toLowerCase()), key);
  return alert;
}

describe('resolveDrug', () => {
  test('a formulary code resolves to the product, ignoring case, with its ingredients split', () => {
    assert.deepEqual(resolveDrug({ code: 'wrf5' }), { code: 'WRF5', label: '와파린나트륨정 5mg', ingredients: ['warfarin'], atcCode: 'B01AA03' });
    assert.deepEqual(resolveDrug({ code: 'AMC625' })?.ingredients, ['amoxicillin', 'clavulanic acid']);
    assert.deepEqual(resolveDrug({ code: 'APAP500' })?.ingredients, ['paracetamol'], 'the formulary gloss "(acetaminophen)" is not a second ingredient');
  });

  test('an INN resolves in any case to a name-only drug with its ATC code', () => {
    for (const name of ['warfarin', 'Simvastatin', 'WARFARIN', '  naproxen ']) {
      const resolved = resolveDrug({ name });
      assert.equal(resolved?.code, null, name);
      assert.equal(resolved?.label, name.trim().toLowerCase(), name);
    }
    assert.equal(resolveDrug({ name: 'Simvastatin' })?.atcCode, 'C10AA01');
    assert.deepEqual(resolveDrug({ name: 'omeprazole' }), { code: null, label: 'omeprazole', ingredients: ['omeprazole'], atcCode: 'A02BC01' });
  });

  test('synonyms, Korean names and combinations resolve to the same INNs', () => {
    assert.deepEqual(resolveDrug({ name: 'acetaminophen' })?.ingredients, ['paracetamol']);
    assert.deepEqual(resolveDrug({ name: 'Acetaminophen' })?.ingredients, resolveDrug({ name: 'paracetamol' })?.ingredients);
    assert.deepEqual(resolveDrug({ name: '와파린' })?.ingredients, ['warfarin']);
    assert.equal(resolveDrug({ name: '심바스타틴정 20mg' })?.code, 'SIM20', 'a Korean product name is the formulary product');
    assert.equal(resolveDrug({ name: '아목시실린 캡슐 500mg' })?.code, 'AMX500', 'spaces are ignored');
    assert.deepEqual(resolveDrug({ name: 'amoxicillin/clavulanate' }), { code: null, label: 'amoxicillin/clavulanic acid', ingredients: ['amoxicillin', 'clavulanic acid'], atcCode: 'J01CR02' });
    assert.deepEqual(resolveDrug({ name: 'co-trimoxazole' })?.ingredients, ['sulfamethoxazole', 'trimethoprim']);
  });

  test('unknown names and codes are undefined', () => {
    assert.equal(resolveDrug({ name: 'unobtainium' }), undefined);
    assert.equal(resolveDrug({ name: 'amoxicillin/unobtainium' }), undefined, 'a half-known combination is not checked as if whole');
    assert.equal(resolveDrug({ code: 'NOPE1' }), undefined);
    assert.equal(resolveDrug({ code: 'NOPE1', name: 'warfarin' }), undefined, 'a code wins over the name');
    assert.equal(resolveDrug({ name: '  ' }), undefined);
    assert.equal(resolveDrug({}), undefined);
  });
});

describe('drug–drug interactions', () => {
  test('warfarin + ibuprofen is major (bleeding)', () => {
    const alert = expectAlert(check(['WRF5', 'IBU400']), 'drug-drug:ibuprofen+warfarin', 'major', 'drug-drug');
    assert.deepEqual(alert.drugs, ['ibuprofen', 'warfarin']);
    assert.match(alert.message, /^와파린과 NSAID 병용: 출혈 위험 증가 \(warfarin \+ NSAID: increased bleeding risk\)$/);
    assert.match(alert.source, /COUMADIN/);
  });

  test('warfarin + naproxen is major, also with warfarin named as a home medication', () => {
    expectAlert(check(['NPX500'], { active: ['warfarin'] }), 'drug-drug:naproxen+warfarin', 'major', 'drug-drug');
    expectAlert(check(['WRF5', 'NPX500']), 'drug-drug:naproxen+warfarin', 'major', 'drug-drug');
  });

  test('clarithromycin + simvastatin is contraindicated, citing the ONC list and the ZOCOR label', () => {
    const alert = expectAlert(check(['CLR500', 'SIM20']), 'drug-drug:clarithromycin+simvastatin', 'contraindicated', 'drug-drug');
    assert.match(alert.source, /Phansalkar/);
    assert.match(alert.source, /ZOCOR/);
    assert.equal(check(['SIM20', 'CLR500'])[0].key, alert.key, 'the key does not depend on the order');
  });

  test('other real pairs get their labelled severity', () => {
    expectAlert(check(['WRF5', 'FLC150']), 'drug-drug:fluconazole+warfarin', 'major', 'drug-drug');
    expectAlert(check(['CLP75', 'ESO40']), 'drug-drug:clopidogrel+esomeprazole', 'major', 'drug-drug');
    assert.equal(byKey(check(['CLP75', 'PAN40']), 'drug-drug:clopidogrel+pantoprazole'), undefined, 'pantoprazole is the alternative');
    expectAlert(check(['TRM50', 'SRT50']), 'drug-drug:sertraline+tramadol', 'major', 'drug-drug');
    expectAlert(check(['IBU400'], { active: ['methotrexate'] }), 'drug-drug:ibuprofen+methotrexate', 'major', 'drug-drug');
    expectAlert(check(['ISO10', 'DOX100']), 'drug-drug:doxycycline+isotretinoin', 'contraindicated', 'drug-drug');
    expectAlert(check(['DOM10', 'CLR500']), 'drug-drug:clarithromycin+domperidone', 'contraindicated', 'drug-drug');
    expectAlert(check(['LVX500', 'AMD200']), 'drug-drug:amiodarone+levofloxacin', 'major', 'drug-drug');
    expectAlert(check(['LVX500', 'PDN5']), 'drug-drug:levofloxacin+prednisolone', 'moderate', 'drug-drug');
    expectAlert(check(['IBU400', 'ASA100']), 'drug-drug:aspirin+ibuprofen', 'moderate', 'drug-drug');
  });

  test('proposed against active and proposed against proposed are both found', () => {
    const alerts = check(['IBU400', 'CLR500'], { active: ['WRF5', 'SIM20'] });
    expectAlert(alerts, 'drug-drug:ibuprofen+warfarin', 'major', 'drug-drug');
    expectAlert(alerts, 'drug-drug:clarithromycin+simvastatin', 'contraindicated', 'drug-drug');
    expectAlert(alerts, 'drug-drug:clarithromycin+warfarin', 'moderate', 'drug-drug');
    const proposedOnly = check(['WRF5', 'IBU400'], { active: ['AMX500'] });
    expectAlert(proposedOnly, 'drug-drug:ibuprofen+warfarin', 'major', 'drug-drug');
  });

  test('active drugs are not re-checked against each other', () => {
    assert.deepEqual(check(['AMX500'], { active: ['WRF5', 'IBU400'] }), []);
  });
});

describe('drug–allergy', () => {
  test('a penicillin allergy (페니실린) contraindicates amoxicillin and its combination', () => {
    expectAlert(check(['AMX500'], { allergies: ['페니실린'] }), 'drug-allergy:penicillins:amoxicillin', 'contraindicated', 'drug-allergy');
    const combo = check(['AMC625'], { allergies: [{ substance: 'penicillin', reaction: '두드러기', severity: 'moderate' }] });
    expectAlert(combo, 'drug-allergy:penicillins:amoxicillin', 'contraindicated', 'drug-allergy');
    assert.equal(combo.length, 1, 'clavulanic acid is not a penicillin');
    expectAlert(check(['TZP45'], { allergies: ['PCN allergy'] }), 'drug-allergy:penicillins:piperacillin', 'contraindicated', 'drug-allergy');
  });

  test('a penicillin allergy makes cephalosporins major (cross-sensitivity)', () => {
    for (const [code, inn] of [['CRO1G', 'ceftriaxone'], ['CXM250', 'cefuroxime']]) {
      const alert = expectAlert(check([code], { allergies: ['페니실린 알레르기'] }), `drug-allergy:penicillins:${inn}`, 'major', 'drug-allergy');
      assert.match(alert.source, /practice parameter/);
      assert.match(alert.message, /^페니실린계 알레르기 환자에게 .+ \(penicillins allergy \+ /);
    }
  });

  test('an aspirin allergy makes ibuprofen major and celecoxib a warning', () => {
    expectAlert(check(['IBU400'], { allergies: ['아스피린'] }), 'drug-allergy:aspirin:ibuprofen', 'major', 'drug-allergy');
    expectAlert(check(['CXB200'], { allergies: ['aspirin'] }), 'drug-allergy:aspirin:celecoxib', 'moderate', 'drug-allergy');
    expectAlert(check(['ASA100'], { allergies: ['아스피린'] }), 'drug-allergy:aspirin:aspirin', 'contraindicated', 'drug-allergy');
  });

  test('an allergy to the drug itself is contraindicated; other members of its class are suspect', () => {
    expectAlert(check(['AMX500'], { allergies: ['아목시실린'] }), 'drug-allergy:amoxicillin:amoxicillin', 'contraindicated', 'drug-allergy');
    expectAlert(check(['TZP45'], { allergies: ['아목시실린'] }), 'drug-allergy:amoxicillin:piperacillin', 'contraindicated', 'drug-allergy');
    expectAlert(check(['LVX500'], { allergies: ['levofloxacin'] }), 'drug-allergy:levofloxacin:levofloxacin', 'contraindicated', 'drug-allergy');
  });

  test('a sulfa allergy contraindicates celecoxib (label); unrelated allergies give nothing', () => {
    expectAlert(check(['CXB200'], { allergies: ['설파'] }), 'drug-allergy:sulfonamides:celecoxib', 'contraindicated', 'drug-allergy');
    assert.deepEqual(check(['AMX500', 'CXB200'], { allergies: ['땅콩', '조영제', ''] }), []);
  });

  test('malformed stored allergy entries are skipped, not a crash', () => {
    const junk = [null, { substance: 5 }, { reaction: '두드러기' }, { substance: '페니실린' }] as unknown as PatientAllergy[];
    const alerts = checkMedications({ proposed: [{ drug: drug('AMX500') }], active: [], allergies: junk });
    assert.deepEqual(alerts.map((a) => a.key), ['drug-allergy:penicillins:amoxicillin']);
    assert.equal(contrastAllergyAlert(junk), undefined);
  });

  test('the same allergy recorded twice gives one alert', () => {
    const alerts = check(['AMX500'], { allergies: ['페니실린', 'Penicillin', '페니실린계, 설파'] });
    assert.deepEqual(alerts.map((a) => a.key), ['drug-allergy:penicillins:amoxicillin']);
  });
});

describe('duplicate therapy', () => {
  test('ibuprofen + celecoxib is a moderate therapeutic duplication (systemic NSAIDs, ATC M01A)', () => {
    const alert = expectAlert(check(['IBU400', 'CXB200']), 'duplicate-therapy:M01A:celecoxib+ibuprofen', 'moderate', 'duplicate-therapy');
    assert.deepEqual(alert.drugs, ['celecoxib', 'ibuprofen']);
  });

  test('the same drug twice, or the same ingredient in two products, is major', () => {
    const twice = check(['AMX500', 'AMX500']);
    expectAlert(twice, 'duplicate-therapy:amoxicillin', 'major', 'duplicate-therapy');
    assert.equal(twice.length, 1);
    expectAlert(check(['AMC625'], { active: ['AMX500'] }), 'duplicate-therapy:amoxicillin', 'major', 'duplicate-therapy');
    expectAlert(check(['APAP500'], { active: ['acetaminophen'] }), 'duplicate-therapy:paracetamol', 'major', 'duplicate-therapy');
  });

  test('two PPIs are a duplication; aspirin + clopidogrel (dual antiplatelet therapy) is not', () => {
    expectAlert(check(['ESO40'], { active: ['omeprazole'] }), 'duplicate-therapy:A02BC:esomeprazole+omeprazole', 'moderate', 'duplicate-therapy');
    assert.deepEqual(check(['ASA100', 'CLP75']), []);
  });
});

describe('dose range', () => {
  test('acetaminophen 2 × 500 mg QID (4 g/day) passes; 3 × 500 mg QID (6 g/day) exceeds the daily and single maxima', () => {
    assert.deepEqual(check([['APAP500', { dose: 2, frequency: 'QID', days: 3 }]]), []);
    const over = check([['APAP500', { dose: 3, frequency: 'QID', days: 3 }]]);
    const daily = expectAlert(over, 'dose-range:daily:paracetamol', 'major', 'dose-range');
    assert.match(daily.message, /6,000 mg/);
    assert.match(daily.message, /4,000 mg/);
    expectAlert(over, 'dose-range:single:paracetamol', 'moderate', 'dose-range');
  });

  test('lines of the same ingredient add up to one daily total', () => {
    const alerts = check([['APAP500', { dose: 2, frequency: 'QID' }], ['APAP500', { dose: 2, frequency: 'BID' }]]);
    expectAlert(alerts, 'dose-range:daily:paracetamol', 'major', 'dose-range');
  });

  test('PRN lines get the single-dose check only; injections dosed in grams are converted', () => {
    assert.deepEqual(check([['APAP500', { dose: 2, frequency: 'PRN' }]]), []);
    expectAlert(check([['APAP500', { dose: 4, frequency: 'PRN' }]]), 'dose-range:single:paracetamol', 'moderate', 'dose-range');
    assert.deepEqual(check([['CRO1G', { dose: 2, frequency: 'Q12H' }]]), []);
    expectAlert(check([['CRO1G', { dose: 2, frequency: 'Q8H' }]]), 'dose-range:daily:ceftriaxone', 'major', 'dose-range');
  });

  test('tramadol 400 mg/day is within the adult maximum but over the limit past 75 years', () => {
    const line: [string, DoseLine] = ['TRM50', { dose: 2, frequency: 'QID' }];
    assert.deepEqual(check([line], { ageYears: 70 }), []);
    const elderly = expectAlert(check([line], { ageYears: 80 }), 'dose-range:daily:tramadol', 'major', 'dose-range');
    assert.match(elderly.message, /300 mg/);
  });

  test('drugs without a sourced maximum and name-only drugs are not dose-checked', () => {
    assert.deepEqual(check([['WRF5', { dose: 10, frequency: 'QD' }]]), []);
    assert.deepEqual(checkMedications({ proposed: [{ drug: drug('paracetamol'), dose: { dose: 20, frequency: 'QID' } }], active: [], allergies: [] }), []);
  });
});

describe('checkMedications', () => {
  test('a safe order gives no alerts', () => {
    assert.deepEqual(check(['AMX500']), []);
    assert.deepEqual(check([['AMX500', { dose: 1, frequency: 'TID', days: 7 }]], { active: ['MTL10'], allergies: ['땅콩'] }), []);
  });

  test('alerts come most severe first, one per key', () => {
    const alerts = check(
      [['APAP500', { dose: 3, frequency: 'QID' }], 'IBU400', 'CXB200', 'CLR500'],
      { active: ['WRF5', 'SIM20'], allergies: ['페니실린', '아스피린'] },
    );
    const rank = { contraindicated: 0, major: 1, moderate: 2 };
    assert.equal(alerts[0].severity, 'contraindicated');
    for (let i = 1; i < alerts.length; i++) assert.ok(rank[alerts[i - 1].severity] <= rank[alerts[i].severity], `${alerts[i - 1].key} before ${alerts[i].key}`);
    assert.equal(new Set(alerts.map((a) => a.key)).size, alerts.length);
    for (const key of ['drug-drug:clarithromycin+simvastatin', 'drug-drug:ibuprofen+warfarin', 'drug-allergy:aspirin:ibuprofen', 'dose-range:daily:paracetamol', 'duplicate-therapy:M01A:celecoxib+ibuprofen']) {
      assert.ok(byKey(alerts, key), key);
    }
  });
});

describe('contrastAllergyAlert', () => {
  test('a recorded 조영제 allergy gives a major alert naming the reaction', () => {
    const alert = contrastAllergyAlert([{ substance: '땅콩' }, { substance: '조영제', reaction: '두드러기', severity: 'moderate' }]);
    assert.ok(alert);
    assert.equal(alert.key, 'drug-allergy:iodinated-contrast');
    assert.equal(alert.severity, 'major');
    assert.equal(alert.type, 'drug-allergy');
    assert.match(alert.message, /^조영제 알레르기 \(이전 반응: 두드러기\)/);
    assert.match(alert.source, /ACR Manual on Contrast Media/);
  });

  test('English and variant names match; other allergies do not', () => {
    assert.ok(contrastAllergyAlert([{ substance: 'Iodinated contrast media' }]));
    assert.ok(contrastAllergyAlert([{ substance: 'CT 조영제 알레르기' }]));
    assert.equal(contrastAllergyAlert([{ substance: '페니실린' }, { substance: '아스피린' }]), undefined);
    assert.equal(contrastAllergyAlert([]), undefined);
  });
});

describe('knowledge base integrity', () => {
  const resolvesAs = (inn: string) => assert.deepEqual(resolveDrug({ name: inn })?.ingredients, [inn], `${inn} resolves by name`);

  test('every interaction names resolvable drugs, a source, and no pair twice', () => {
    const seen = new Map<string, number>();
    INTERACTIONS.forEach((entry, index) => {
      assert.ok(entry.source.trim().length > 10, `interaction ${index} has a source`);
      assert.match(entry.message, /[가-힣].*\(.*[a-z].*\)$/, `interaction ${index}: Korean first, English second`);
      for (const a of entry.a) {
        resolvesAs(a);
        for (const b of entry.b) {
          resolvesAs(b);
          assert.notEqual(a, b);
          const key = pairKey(a, b);
          assert.equal(seen.get(key), undefined, `${key} is in entries ${seen.get(key)} and ${index}`);
          seen.set(key, index);
        }
      }
    });
    assert.ok(INTERACTIONS.length >= 30);
  });

  test('every allergy class has synonyms, resolvable members and sourced cross-sensitivities', () => {
    for (const group of ALLERGY_CLASSES) {
      assert.ok(group.synonyms.length > 0 && group.source.trim(), group.id);
      group.members.forEach(resolvesAs);
      for (const cross of group.crossSensitive) {
        cross.members.forEach(resolvesAs);
        assert.ok(cross.source.trim() && cross.ko && cross.en, group.id);
      }
    }
  });

  test('every dose range is sourced and reaches a formulary product whose dose converts to mg', () => {
    for (const range of DOSE_RANGES) {
      resolvesAs(range.inn);
      assert.ok(range.source.trim(), range.inn);
      assert.ok(range.maxSingleMg !== undefined || range.maxDailyMg !== undefined, range.inn);
      const products = FORMULARY.filter((d) => resolveDrug({ code: d.code })?.ingredients.includes(range.inn));
      assert.ok(products.some((d) => mgPerDoseUnit(d, resolveDrug({ code: d.code })!.ingredients)?.has(range.inn)), `${range.inn} has a checkable product`);
    }
  });

  test('every formulary drug resolves by code and by Korean name, and every named ingredient is known', () => {
    for (const d of FORMULARY) {
      const resolved = resolveDrug({ code: d.code });
      assert.ok(resolved && resolved.ingredients.length > 0, d.code);
      assert.equal(resolveDrug({ name: d.name })?.code, d.code);
      resolved.ingredients.forEach(resolvesAs);
    }
    for (const entry of INN_NAMES) {
      for (const name of [...entry.ko, ...(entry.aliases ?? [])]) assert.deepEqual(resolveDrug({ name })?.ingredients, [entry.inn], name);
      assert.ok(entry.atcCode === undefined || /^[A-Z]\d{2}[A-Z]{2}\d{2}$/.test(entry.atcCode), entry.inn);
    }
  });

  test('the formulary gained the interaction partners with their WHO ATC codes and kept its searches', () => {
    const atc = (ingredient: string) => FORMULARY.find((d) => d.ingredient === ingredient)?.atcCode;
    assert.equal(atc('warfarin'), 'B01AA03');
    assert.equal(atc('simvastatin'), 'C10AA01');
    assert.equal(atc('clopidogrel'), 'B01AC04');
    assert.equal(atc('cefuroxime'), 'J01DC02');
    assert.deepEqual(searchFormulary('아목시').map((d) => d.code), ['AMX500', 'AMC625']);
  });
});
