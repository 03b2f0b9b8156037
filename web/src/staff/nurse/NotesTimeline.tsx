import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { Pagination } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { FlagBadges } from './AbnormalFlags';
import { t } from './messages';
import type { Page, VitalsRecord } from './types';

const PAGE_SIZE = 20;

/**
 * The patient's nursing notes, newest first: when, who wrote it, the symptoms and the note. Notes
 * charted together with vitals are here too, marked so, with their flags.
 */
export function NotesTimeline(props: { patientId: number }) {
  const { api } = useApp();
  const [page, setPage] = createSignal(1);
  const notes = createQuery(() => ({
    queryKey: ['nurse', 'notes', props.patientId, page()],
    queryFn: () => api.get<Page<VitalsRecord>>(`/patients/${props.patientId}/vitals`, { kind: 'notes', page: page(), pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  }));
  return (
    <Panel title={t('notesTimeline')}>
      <QueryView query={notes} empty={(d) => d.total === 0} emptyText={t('noNotes')}>
        {(d) => (
          <>
            <ol style={{ 'list-style': 'none', padding: 0, margin: 0 }}>
              <For each={d.items}>{(n) => (
                <li style={{ 'border-left': '4px solid var(--line)', padding: '0.25rem 0.75rem', 'margin-bottom': '0.75rem' }}>
                  <p class="muted" style={{ margin: 0 }}>
                    <time datetime={n.record_date}>{formatDateTime(n.record_date)}</time> · {t('by', { name: n.nurse_name ?? t('unknownNurse') })}
                    <Show when={n.vital_signs}> · <span class="badge">{t('withVitals')}</span> <FlagBadges flags={n.abnormal} /></Show>
                  </p>
                  <Show when={n.symptoms}><p style={{ margin: '0.25rem 0 0' }}><strong>{t('symptoms')}:</strong> {n.symptoms}</p></Show>
                  <Show when={n.nursing_notes}><p style={{ margin: '0.25rem 0 0', 'white-space': 'pre-wrap' }}>{n.nursing_notes}</p></Show>
                </li>
              )}</For>
            </ol>
            <Show when={d.total > d.pageSize}><Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} /></Show>
          </>
        )}
      </QueryView>
    </Panel>
  );
}
