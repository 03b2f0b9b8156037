import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMULARY, drugByCode, searchFormulary } from '../../lib/rules/formulary.js';
import { FREQUENCY_CODES, ROUTE_CODES } from '../../lib/rules/medication-frequency.js';
import { dosageText, durationText, medicationLines, prescribingProblems, timesPerDay } from '../../lib/rules/prescribing.js';

describe('formulary', () => {
  test('codes are unique, ATC codes are well formed, and defaults are ward codes', () => {
    assert.ok(FORMULARY.length >= 40);
    assert.equal(new Set(FORMULARY.map((d) => d.code)).size, FORMULARY.length);
    for (const drug of FORMULARY) {
      assert.match(drug.atcCode, /^[A-Z]\d{2}[A-Z]{2}\d{2}$/, drug.code);
      assert.ok(ROUTE_CODES.includes(drug.defaultRoute), drug.code);
      assert.ok(FREQUENCY_CODES.includes(drug.defaultFrequency), drug.code);
      assert.ok(drug.name && drug.ingredient && drug.strength && drug.doseUnit, drug.code);
    }
  });

  test('each department\'s mainstays are there with their real ATC codes', () => {
    const atc = (ingredient: string) => FORMULARY.find((d) => d.ingredient === ingredient)?.atcCode;
    assert.equal(atc('amoxicillin'), 'J01CA04');
    assert.equal(atc('budesonide/formoterol'), 'R03AK07');
    assert.equal(atc('levetiracetam'), 'N03AX14');
    assert.equal(atc('tamoxifen'), 'L02BA01');
    assert.equal(atc('pancrelipase (multienzymes)'), 'A09AA02');
    assert.equal(atc('mometasone furoate'), 'D07AC13');
  });

  test('lookup by code ignores case and spaces', () => {
    assert.equal(drugByCode(' amx500 ')?.ingredient, 'amoxicillin');
    assert.equal(drugByCode('NOPE'), undefined);
  });

  test('search matches Korean name, 초성, ingredient, code prefix and ATC prefix', () => {
    const codes = (q: string) => searchFormulary(q).map((d) => d.code);
    assert.ok(codes('아목시실린').includes('AMX500'));
    assert.ok(codes('아목시 실린').includes('AMX500'), 'spaces in the query are ignored');
    assert.ok(codes('ㅇㅁㅅㅅㄹ').includes('AMX500'));
    assert.deepEqual(codes('tamoxifen'), ['TAM20']);
    assert.deepEqual(codes('PGB'), ['PGB75']);
    const antibacterials = searchFormulary('J01');
    assert.ok(antibacterials.length >= 5 && antibacterials.every((d) => d.atcCode.startsWith('J01')));
    assert.deepEqual(codes('L02BG').sort(), ['ANA1', 'EXE25', 'LET25']);
    assert.equal(searchFormulary('').length, FORMULARY.length);
    assert.deepEqual(searchFormulary('없는약'), []);
  });
});

describe('prescribing rules', () => {
  const valid = { code: 'AMX500', dose: 1, frequency: 'TID', days: 7 };

  test('a valid order has no problems and copies the formulary fields into the line', () => {
    assert.deepEqual(prescribingProblems([valid]), []);
    const [line] = medicationLines([{ ...valid, instructions: ' 식후 30분 ' }]);
    assert.deepEqual(line, {
      code: 'AMX500', name: '아목시실린캡슐 500mg', ingredient: 'amoxicillin', atcCode: 'J01CA04', strength: '500 mg', form: '캡슐',
      dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 7, instructions: '식후 30분',
    });
    assert.equal(medicationLines([{ ...valid, route: 'IV' }])[0].route, 'IV', 'an explicit route wins over the default');
  });

  test('each bad field is named, in Korean first', () => {
    const fields = (item: Record<string, unknown>) => prescribingProblems([{ ...valid, ...item }]).map((p) => p.field);
    assert.deepEqual(fields({ code: 'XYZ' }), ['items[0].code']);
    assert.deepEqual(fields({ dose: 0 }), ['items[0].dose']);
    assert.deepEqual(fields({ dose: -1 }), ['items[0].dose']);
    assert.deepEqual(fields({ days: 0 }), ['items[0].days']);
    assert.deepEqual(fields({ days: 181 }), ['items[0].days']);
    assert.deepEqual(fields({ days: 1.5 }), ['items[0].days']);
    assert.deepEqual(fields({ frequency: 'Q2H' }), ['items[0].frequency']);
    assert.deepEqual(fields({ route: 'NASAL' }), ['items[0].route']);
    const [problem] = prescribingProblems([valid, { ...valid, code: 'XYZ' }]);
    assert.equal(problem.field, 'items[1].code');
    assert.match(problem.message, /^처방집에 없는 약품 코드입니다: XYZ \(unknown formulary code\)$/);
  });

  test('printed frequencies and the seed\'s text columns', () => {
    assert.equal(timesPerDay('TID'), '3회');
    assert.equal(timesPerDay('Q8H'), '3회 (8시간마다)');
    assert.equal(timesPerDay('QHS'), '1회 (취침 전)');
    assert.equal(timesPerDay('PRN'), '필요 시');
    const lines = medicationLines([valid, { code: 'MOM01', dose: 1, frequency: 'QD', days: 14 }]);
    assert.equal(dosageText(lines), '아목시실린캡슐 500mg 1캡슐 1일 3회 7일 (경구)\n모메타손푸로에이트연고 0.1% 1회 1일 1회 14일 (외용)');
    assert.equal(durationText(lines), '14일');
  });
});
