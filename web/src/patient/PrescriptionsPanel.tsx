import { createQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { frequencyLabel } from './labels';
import { t } from './messages';
import type { Page, Prescription } from './types';
import { DownloadButton } from './ui/DownloadButton';
import { StatusBadge } from './ui/StatusBadge';

/** My prescriptions, newest first, each with its 처방전 PDF (GET /portal/prescriptions, …/{id}/pdf). */
export function PrescriptionsPanel() {
  const { api } = useApp();
  const prescriptions = createQuery(() => ({
    queryKey: ['portal', 'prescriptions'],
    queryFn: () => api.get<Page<Prescription>>('/portal/prescriptions', { pageSize: 100 }),
  }));
  return (
    <Panel title={t('prescriptions')}>
      <QueryView query={prescriptions}>
        {(d) => (
          <DataTable caption={t('prescriptions')} rows={d.items} rowKey={(p) => p.id} emptyText={t('noPrescriptions')} columns={[
            { header: t('prescribedOn'), cell: (p) => formatDate(p.prescription_date) },
            {
              header: t('drugs'),
              cell: (p) => (
                <ul>
                  <For each={p.medications}>{(m) => (
                    <li>{m.name} — {m.dose}{m.doseUnit} {frequencyLabel(m.frequency)}, {t('daysN', { n: m.days })}{m.instructions ? ` (${m.instructions})` : ''}</li>
                  )}</For>
                </ul>
              ),
            },
            { header: t('duration'), cell: (p) => p.duration ?? '' },
            { header: t('status'), cell: (p) => <StatusBadge code={p.status} /> },
            {
              header: t('prescriptionPdf'),
              cell: (p) => <DownloadButton label={t('prescriptionPdf')} context={formatDate(p.prescription_date)} filename={`처방전-${p.id}.pdf`} fetch={() => api.blob(`/portal/prescriptions/${p.id}/pdf`)} />,
            },
          ]} />
        )}
      </QueryView>
    </Panel>
  );
}
