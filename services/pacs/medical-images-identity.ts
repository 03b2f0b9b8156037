import type { Role } from '../../lib/constants.js';
import type { CdssContext, SessionUser } from '../context.js';

/**
 * Who acts when nobody is signed in: the PACS listener (`study.stable` from a modality's C-STORE,
 * a STOW-RS push or the builtin archive's timer) records studies as this identity. It has no
 * account (user id 0, so audit rows say `0` / role `system`) and no row scope: its reads are its
 * own bookkeeping (finding the study's row), and each write is audited under it. Where a step must
 * be signed by a person — moving a RIS entry and its OCS order, whose history rows reference
 * auth_user — `ris.acquiredFromPacs` hands the step to the radiographer responsible for that entry
 * (services/ris/pacs-link-actions.ts), the person who performed the acquisition at the modality.
 */
export const PACS_INGEST_USER: SessionUser = {
  id: 0,
  realm: 'staff',
  // Not a role of lib/constants.ts on purpose: it holds no permission (roleHas is false for every
  // row) and its row scope is 'none', so it can only do what its own actions do unscoped.
  role: 'system' as Role,
  name: 'PACS 자동 수신 (PACS ingest)',
  department: null,
  patientId: null,
  staffId: null,
  sessionId: 'system:pacs-ingest',
};

export function isPacsIngest(ctx: CdssContext): boolean {
  return ctx.meta.user?.sessionId === PACS_INGEST_USER.sessionId && ctx.meta.user.id === PACS_INGEST_USER.id;
}
