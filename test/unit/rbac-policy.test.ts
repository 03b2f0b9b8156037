import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PERMISSIONS, POLICY, roleHas, type Permission } from '../../lib/rbac/policy.js';
import { STAFF_ROLE_CODES, type Role } from '../../lib/constants.js';

const ROLES: Role[] = [...STAFF_ROLE_CODES, 'patient'];

describe('POLICY', () => {
  test('every permission is held by at least one role', () => {
    for (const permission of PERMISSIONS) assert.ok(POLICY[permission].roles.length > 0, permission);
  });

  test('every permission has a description in Korean and English', () => {
    for (const permission of PERMISSIONS) {
      const { description } = POLICY[permission];
      assert.match(description, /[\uAC00-\uD7A3]/, permission);
      assert.match(description, / \/ [a-z]/, permission);
    }
  });

  test('every role named in the policy is a known role, listed once', () => {
    for (const permission of PERMISSIONS) {
      const roles = POLICY[permission].roles as readonly Role[];
      for (const role of roles) assert.ok(ROLES.includes(role), `${permission}: ${role}`);
      assert.equal(new Set(roles).size, roles.length, permission);
    }
  });

  test('the pseudo-permissions are not rows of the table', () => {
    for (const pseudo of ['public', 'authenticated', 'internal']) assert.ok(!PERMISSIONS.includes(pseudo as Permission), pseudo);
  });

  test('PERMISSIONS lists exactly the rows of POLICY', () => {
    assert.deepEqual([...PERMISSIONS].sort(), Object.keys(POLICY).sort());
  });
});

describe('roleHas', () => {
  test('roleHas agrees with the table for every role and permission', () => {
    for (const permission of PERMISSIONS) {
      for (const role of ROLES) {
        assert.equal(roleHas(role, permission), (POLICY[permission].roles as readonly Role[]).includes(role), `${role} ${permission}`);
      }
    }
  });

  test('clinical staff, front desk and imaging staff may read patients', () => {
    for (const role of ['doctor', 'nurse', 'front_desk', 'radiology_technician', 'radiologist'] as Role[]) assert.equal(roleHas(role, 'patients.read'), true, role);
  });

  test('a system administrator cannot read patients but manages staff and audit', () => {
    assert.equal(roleHas('sysadmin', 'patients.read'), false);
    assert.equal(roleHas('sysadmin', 'break-glass'), false);
    assert.equal(roleHas('sysadmin', 'staff.manage'), true);
    assert.equal(roleHas('sysadmin', 'audit.read'), true);
  });

  test('front desk and radiographers cannot break the glass', () => {
    assert.equal(roleHas('front_desk', 'break-glass'), false);
    assert.equal(roleHas('radiology_technician', 'break-glass'), false);
    assert.equal(roleHas('doctor', 'break-glass'), true);
  });

  // images.read lets the viewer fetch a patient's own studies over /dicom-web; the PACS scope
  // check limits it to their own chart number (test/helpers/pacs-suite.ts).
  test('a patient holds only the portal permission and reading their own images', () => {
    assert.deepEqual(PERMISSIONS.filter((p) => roleHas('patient', p)), ['images.read', 'portal.self']);
  });

  test('no staff role holds the portal permission', () => {
    for (const role of STAFF_ROLE_CODES) assert.equal(roleHas(role, 'portal.self'), false, role);
  });
});
