import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICES, SERVICE_GROUPS, resolveServices } from '../../services/index.js';

describe('resolveServices', () => {
  test('no selection means every service', () => {
    assert.deepEqual(resolveServices(null), Object.keys(SERVICES));
    assert.deepEqual(resolveServices(null).sort(), [
      'ai-analysis', 'api', 'appointments', 'audit', 'auth', 'billing', 'chat', 'collab', 'doctor', 'front-desk', 'inference', 'inquiries', 'lis', 'mar', 'medical-images', 'notifications', 'nurse',
      'nursing', 'ocs', 'pacs', 'patient-status', 'patients', 'pharmacy', 'portal', 'prescriptions', 'public-site', 'radiographer', 'radiologist', 'radiology-reports', 'records',
      'ris', 'schedules', 'screening', 'staff', 'statistics',
    ]);
  });

  test('groups expand to their services', () => {
    assert.deepEqual(resolveServices(['gateway', 'emr']), [
      'api', 'patients', 'patient-status', 'records', 'appointments', 'schedules', 'inquiries', 'nursing', 'prescriptions', 'mar', 'screening',
      'statistics',
    ]);
    assert.deepEqual(resolveServices(['identity']), ['auth', 'staff', 'audit']);
    assert.deepEqual(resolveServices(['ai']), ['inference', 'ai-analysis']);
  });

  test('names and groups mix without duplicates', () => {
    assert.deepEqual(resolveServices(['auth', 'identity', 'domain']), [
      'auth', 'staff', 'audit', 'patients', 'patient-status', 'records', 'appointments', 'schedules', 'inquiries', 'nursing', 'prescriptions', 'mar',
      'screening', 'statistics', 'billing', 'ocs', 'pharmacy', 'lis', 'ris', 'radiology-reports', 'notifications', 'chat', 'collab', 'pacs', 'medical-images', 'portal', 'doctor',
      'nurse', 'front-desk', 'radiographer', 'radiologist', 'public-site', 'inference', 'ai-analysis',
    ]);
  });

  test('a single service name resolves to itself', () => {
    assert.deepEqual(resolveServices(['portal']), ['portal']);
  });

  test('the domain group is everything but the gateway', () => {
    assert.deepEqual(resolveServices(['domain']).sort(), Object.keys(SERVICES).filter((n) => n !== 'api').sort());
  });

  test('every group names only known services', () => {
    for (const [group, names] of Object.entries(SERVICE_GROUPS)) {
      for (const name of names) assert.ok(name in SERVICES, `${group}: ${name}`);
    }
  });

  test('every service name is the name its schema declares', () => {
    for (const [key, schema] of Object.entries(SERVICES)) assert.equal(schema.name, key);
  });

  test('an unknown name throws and lists the known names and groups', () => {
    assert.throws(() => resolveServices(['gateway', 'hl7']), (err: Error) => {
      assert.match(err.message, /CDSS_SERVICES/);
      assert.match(err.message, /'hl7'/);
      for (const known of [...Object.keys(SERVICES), ...Object.keys(SERVICE_GROUPS)]) assert.ok(err.message.includes(known), known);
      return true;
    });
  });

  test('names are case-sensitive', () => {
    assert.throws(() => resolveServices(['Gateway']), /unknown service or group 'Gateway'/);
  });
});
