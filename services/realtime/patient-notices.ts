import type { CdssContext } from '../context.js';
import type { NotifyPatientParams } from './notifications.service.js';

/**
 * Tells a patient on the portal about a change the caller has already committed (a signed
 * record, a released report, verified results). Best effort: the change is the record and the
 * portal shows it either way, so a notice that cannot be written is logged, never the caller's
 * failure.
 */
export async function tellPatient(ctx: CdssContext, notice: NotifyPatientParams): Promise<void> {
  try {
    await ctx.call('notifications.notifyPatient', notice);
  } catch (err) {
    ctx.service?.logger.warn(`Patient notice not written (${notice.resourceType ?? '-'} ${notice.resourceId ?? ''}):`, (err as Error).message);
  }
}
