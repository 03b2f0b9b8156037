import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billStatus, outstanding, paymentProblem, refundProblem } from '../../lib/rules/bill-status.js';

const money = (patientAmount: number, paidAmount = 0, refundedAmount = 0) => ({ patientAmount, paidAmount, refundedAmount });

test('status follows the money: open, partly paid, paid, refunded', () => {
  assert.equal(billStatus(money(21_550)), 'OPEN');
  assert.equal(billStatus(money(21_550, 10_000)), 'PARTIALLY_PAID');
  assert.equal(billStatus(money(21_550, 21_550)), 'PAID');
  assert.equal(billStatus(money(21_550, 21_550, 21_550)), 'REFUNDED');
  assert.equal(billStatus(money(21_550, 21_550, 5_000)), 'PARTIALLY_PAID');
  assert.equal(billStatus(money(0)), 'PAID', 'a bill the patient owes nothing on is settled from the start');
});

test('payments: at most what is owed', () => {
  assert.equal(outstanding(money(21_550, 10_000)), 11_550);
  assert.equal(paymentProblem(money(21_550, 10_000), 11_550), null);
  assert.match(paymentProblem(money(21_550, 10_000), 11_551)!, /over-payment/);
  assert.match(paymentProblem(money(0), 10)!, /nothing is owed/);
  assert.equal(paymentProblem(money(21_550, 21_550, 21_550), 21_550), null, 'a refunded bill may be paid again');
});

test('refunds: at most what was paid and kept, in total and by the method used', () => {
  assert.equal(refundProblem(money(21_550, 21_550), 21_550, 21_550), null);
  assert.match(refundProblem(money(21_550, 21_550, 20_000), 1_551, 21_550)!, /exceeds what was paid/);
  assert.match(refundProblem(money(21_550, 21_550), 15_000, 10_000)!, /by this method/);
});
