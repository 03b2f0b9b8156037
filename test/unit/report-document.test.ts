import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { REPORT_MAP, docFromState, readReportDocument, replaceText, updateSince, writeReportDocument } from '../../lib/realtime/report-document.js';

describe('the collaborative report document', () => {
  test('a document nobody filled has no report text (the row stays the truth)', () => {
    assert.equal(readReportDocument(new Y.Doc()), null);
    assert.equal(readReportDocument(docFromState(null)), null);
  });

  test('filled from the report, it reads back as the workflow\'s fields (impression is the conclusion)', () => {
    const doc = new Y.Doc();
    writeReportDocument(doc, { findings: '우하엽 결절.', conclusion: '폐암 의심.', recommendations: null, aiFindings: '[AI] 폐결절' });
    assert.deepEqual(readReportDocument(doc), { findings: '우하엽 결절.', conclusion: '폐암 의심.', recommendations: '' });
    const map = doc.getMap(REPORT_MAP);
    assert.equal(String(map.get('impression')), '폐암 의심.');
    assert.equal(String(map.get('aiFindings')), '[AI] 폐결절');
  });

  test('rewriting keeps what did not change, so a concurrent edit elsewhere survives', () => {
    const server = new Y.Doc();
    writeReportDocument(server, { findings: '우하엽 2cm 결절.', conclusion: '결론', recommendations: '' });
    const client = docFromState(Buffer.from(Y.encodeStateAsUpdate(server)).toString('base64'));
    // The client types at the end while the server rewrites the size in the middle.
    (client.getMap(REPORT_MAP).get('findings') as Y.Text).insert('우하엽 2cm 결절.'.length, ' 석회화 없음.');
    const before = Y.encodeStateVector(server);
    writeReportDocument(server, { findings: '우하엽 2.1cm 결절.' });
    Y.applyUpdate(client, Buffer.from(updateSince(server, before), 'base64'));
    assert.equal(readReportDocument(client)!.findings, '우하엽 2.1cm 결절. 석회화 없음.');
    assert.equal(readReportDocument(client)!.conclusion, '결론', 'fields left out are untouched');
  });

  test('replacing text never splits a surrogate pair', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀b');
    replaceText(text, 'a😃b');
    assert.equal(text.toString(), 'a😃b');
    replaceText(text, '');
    assert.equal(text.toString(), '');
  });
});
