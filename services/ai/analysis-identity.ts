import type { Role } from '../../lib/constants.js';
import type { SessionUser } from '../context.js';

/**
 * Who acts when an analysis runs in the background (issue #6): the queued job has outlived the
 * request that asked for it (or no one asked: images arrived and CDSS_AI_AUTO is on). Like the PACS
 * ingest identity (services/pacs/medical-images-identity.ts) it has no account (user id 0, audit
 * rows say `0` / role `system`), holds no permission and has row scope 'none': it reads the PACS
 * through internal actions, writes the result row, the DICOM SEG/SR and the flags, and each of
 * those writes is audited under it. The person who asked is on the row (`requested_by_id`), and
 * their request was audited when it was made.
 */
export const AI_ANALYSIS_USER: SessionUser = {
  id: 0,
  realm: 'staff',
  role: 'system' as Role,
  name: 'AI 분석 (AI analysis)',
  department: null,
  patientId: null,
  staffId: null,
  sessionId: 'system:ai-analysis',
};

