import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMultipart, MultipartError, multipartContentType, parseMediaType, parseMultipart } from '../../services/pacs/multipart.js';
import { dateRange, parseQido, textMatches } from '../../services/pacs/qido.js';

describe('multipart/related (services/pacs/multipart.ts)', () => {
  test('media types keep quoted parameters whole, even with ; and = inside', () => {
    assert.deepEqual(parseMediaType('multipart/related; type="application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1"; boundary=abc'), {
      type: 'multipart/related', params: { type: 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', boundary: 'abc' },
    });
    assert.equal(parseMediaType('nonsense'), null);
    assert.equal(parseMediaType(undefined), null);
  });

  test('what encodeMultipart writes, parseMultipart reads back byte for byte', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
    const { body, boundary } = encodeMultipart([{ contentType: 'application/dicom', body: binary }, { contentType: 'application/dicom+json', body: Buffer.from('[]') }]);
    const parts = parseMultipart(body, boundary);
    assert.deepEqual(parts.map((p) => [p.headers['content-type'], [...p.body]]), [['application/dicom', [...binary]], ['application/dicom+json', [...Buffer.from('[]')]]]);
    assert.equal(parseMediaType(multipartContentType('application/dicom', boundary))!.params.boundary, boundary);
  });

  test('a preamble, a leading CRLF and parts without headers are accepted', () => {
    const body = Buffer.from('ignored preamble\r\n--b\r\n\r\nfirst\r\n--b\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--b--');
    assert.deepEqual(parseMultipart(body, 'b').map((p) => p.body.toString()), ['first', 'second']);
  });

  test('a message cut off before its close delimiter is an error, not a shorter message', () => {
    assert.throws(() => parseMultipart(Buffer.from('--b\r\nContent-Type: x\r\n\r\nhalf a fi'), 'b'), MultipartError);
    assert.throws(() => parseMultipart(Buffer.from('no boundary here'), 'b'), MultipartError);
  });
});

describe('QIDO-RS queries (services/pacs/qido.ts)', () => {
  test('matching keys by keyword or tag; paging and includefield read; unknown keys set aside', () => {
    const query = parseQido('studies', { '00100020': 'P1', StudyDate: '20240101-', includefield: ['00081030', 'StudyID,PatientAge'], limit: '5', offset: '10', Foo: 'x' });
    assert.deepEqual(query.matches.map((m) => [m.key, m.value]), [['PatientID', 'P1'], ['StudyDate', '20240101-']]);
    assert.deepEqual(query.includeFields, ['00081030', 'StudyID', 'PatientAge']);
    assert.deepEqual([query.limit, query.offset, query.ignored], [5, 10, ['Foo']]);
    assert.deepEqual(parseQido('studies', { Modality: 'CT' }).ignored, ['Modality'], 'a series key is not a study key');
    assert.equal(parseQido('studies', { limit: '99999' }).limit, 1000);
  });

  test('bad values are 400s', () => {
    for (const query of [{ StudyDate: '2024-01-01' }, { StudyInstanceUID: '1.2.abc' }, { limit: '-1' }, { InstanceNumber: 'x' }]) {
      assert.throws(() => parseQido('instances', query), (err: { code: number }) => err.code === 400, JSON.stringify(query));
    }
  });

  test('date ranges and wildcard text matches', () => {
    assert.deepEqual(dateRange('20240101-20241231'), { from: '20240101', to: '20241231' });
    assert.deepEqual(dateRange('-20241231'), { from: null, to: '20241231' });
    assert.deepEqual(dateRange('20240101'), { from: '20240101', to: '20240101' });
    const pn = { Value: [{ Alphabetic: '김민수' }] };
    assert.ok(textMatches(pn, '김*'));
    assert.ok(textMatches(pn, '?민?'));
    assert.ok(!textMatches(pn, '이*'));
    assert.ok(textMatches({ Value: ['Doe^John'] }, 'doe*'), 'case-insensitive');
    assert.ok(textMatches({ Value: ['a.b(c)'] }, 'a.b(c)'), 'regex characters are literal');
    assert.ok(!textMatches({ Value: ['axb(c)'] }, 'a.b(c)'));
  });
});
