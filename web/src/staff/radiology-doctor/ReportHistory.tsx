import { createQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t, type MessageKey } from './messages';
import type { Contributor, Revision } from './types';

const KINDS = ['CREATE', 'SAVE', 'PRELIMINARY', 'FINAL', 'AMEND', 'RELEASE'];
const kindLabel = (kind: string) => (KINDS.includes(kind) ? t(kind as MessageKey) : kind);

/**
 * Who wrote the report and how it got here: the live document's contributors (kept through
 * compaction by the collab actor) and every saved version (create, signatures, amendments).
 */
export function ReportHistory(props: { reportId: number }) {
  const { api } = useApp();
  const contributors = createQuery(() => ({
    queryKey: ['radiology-doctor', 'report', props.reportId, 'contributors'],
    queryFn: () => api.get<Contributor[]>(`/radiology-doctor/reports/${props.reportId}/contributors`),
    // Others keep typing while the screen is open: who wrote what catches up now and then.
    refetchInterval: 30_000,
  }));
  const history = createQuery(() => ({
    queryKey: ['radiology-doctor', 'report', props.reportId, 'history'],
    queryFn: () => api.get<Revision[]>(`/radiology-doctor/reports/${props.reportId}/history`),
  }));
  return (
    <>
      <Panel title={t('contributorsTitle')} actions={
        <button type="button" class="secondary" onClick={() => { void contributors.refetch(); void history.refetch(); }}>{t('refresh')}</button>
      }>
        <QueryView query={contributors} empty={(list) => list.length === 0} emptyText={t('noContributors')}>
          {(list) => (
            <ul>
              <For each={list}>{(c) => (
                <li><strong>{c.name ?? `#${c.userId}`}</strong> · {t('updates', { n: c.updates })} · {t('lastEdit')} {formatDateTime(c.lastAt)}</li>
              )}</For>
            </ul>
          )}
        </QueryView>
      </Panel>
      <Panel title={t('historyTitle')}>
        <QueryView query={history}>
          {(rows) => (
            <DataTable caption={t('historyTitle')} rows={[...rows].reverse()} rowKey={(r) => r.id} emptyText={t('noHistory')} columns={[
              { header: t('version'), cell: (r) => r.version, numeric: true },
              { header: t('kind'), cell: (r) => kindLabel(r.kind) },
              { header: t('status'), cell: (r) => statusLabel(r.status) },
              { header: t('author'), cell: (r) => r.author_name ?? (r.author_id == null ? '' : `#${r.author_id}`) },
              { header: t('when'), cell: (r) => formatDateTime(r.created_at) },
              { header: t('reason'), cell: (r) => r.reason ?? '' },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
