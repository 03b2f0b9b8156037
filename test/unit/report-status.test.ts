import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedReportActions, isFinalReport, isSignedReport, nextReportStatus, ownerOnly, signingProblem,
} from '../../lib/rules/report-status.js';

test('a draft is saved many times, then signed preliminary or straight to final', () => {
  assert.equal(nextReportStatus('DRAFT', 'save'), 'DRAFT');
  assert.equal(nextReportStatus('DRAFT', 'preliminary'), 'PRELIMINARY');
  assert.equal(nextReportStatus('DRAFT', 'final'), 'FINAL');
  assert.equal(nextReportStatus('DRAFT', 'amend'), null, 'a draft is edited, not amended');
});

test('a preliminary report is only finalised: never saved back to a draft or signed preliminary again', () => {
  assert.equal(nextReportStatus('PRELIMINARY', 'final'), 'FINAL');
  assert.equal(nextReportStatus('PRELIMINARY', 'save'), null);
  assert.equal(nextReportStatus('PRELIMINARY', 'preliminary'), null);
  assert.equal(nextReportStatus('PRELIMINARY', 'amend'), null);
});

test('a final report is locked: it changes only by amendment, and an amended one may be amended again', () => {
  assert.deepEqual(allowedReportActions('FINAL'), ['amend']);
  assert.equal(nextReportStatus('FINAL', 'save'), null);
  assert.equal(nextReportStatus('FINAL', 'final'), null);
  assert.equal(nextReportStatus('FINAL', 'amend'), 'AMENDED');
  assert.deepEqual(allowedReportActions('AMENDED'), ['amend']);
  assert.equal(nextReportStatus('AMENDED', 'amend'), 'AMENDED');
  assert.deepEqual(allowedReportActions('DRAFT'), ['save', 'preliminary', 'final']);
});

test('doctors see signed reports; only final-equivalent reports are released', () => {
  assert.equal(isSignedReport('DRAFT'), false);
  assert.equal(isSignedReport('PRELIMINARY'), true);
  assert.equal(isFinalReport('PRELIMINARY'), false);
  assert.equal(isFinalReport('FINAL'), true);
  assert.equal(isFinalReport('AMENDED'), true, 'an amended report is final-equivalent');
});

test('only a draft is owner-only', () => {
  assert.equal(ownerOnly('DRAFT'), true);
  assert.equal(ownerOnly('PRELIMINARY'), false);
  assert.equal(ownerOnly('FINAL'), false);
});

test('a signature needs findings and a conclusion', () => {
  assert.equal(signingProblem({ findings: '우상엽 8mm 결절', conclusion: '폐결절, 추적 CT 권고' }), null);
  assert.equal(signingProblem({ findings: '  ', conclusion: '정상' })?.field, 'findings');
  assert.equal(signingProblem({ findings: '특이 소견 없음', conclusion: null })?.field, 'conclusion');
  assert.equal(signingProblem({})?.field, 'findings');
});
