import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_PERMISSION_PSEUDO, PROBE_ROLES, type Probe } from './rbac-probes.js';
