import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../../shared/app-context';
import { formatDateTime, formatKRW } from '../../../shared/i18n';
import { DataTable } from '../../../shared/ui/DataTable';
import { t } from '../messages';
import { outstandingOf, type Bill, type Patient } from '../types';

/** A bill's patient by name: bill lists carry only the id (read once per patient, then cached). */
function PatientName(props: { id: number }) {
  const { api } = useApp();
  const patient = createQuery(() => ({ queryKey: ['front-desk', 'patient', props.id], queryFn: () => api.get<Patient>(`/patients/${props.id}`) }));
  return <>{patient.data ? `${patient.data.name} (${patient.data.patient_id})` : `#${props.id}`}</>;
}

export function BillStatus(props: { status: Bill['status'] }) {
  return <span class="badge" classList={{ 'badge-ok': props.status === 'PAID', 'badge-warn': props.status === 'OPEN' || props.status === 'PARTIALLY_PAID' }}>{t(props.status)}</span>;
}

/** Bills with their money at a glance; the number opens the bill. */
export function BillTable(props: { bills: Bill[]; caption: string; showPatient?: boolean }) {
  return (
    <DataTable caption={props.caption} rows={props.bills} rowKey={(b) => b.id} emptyText={t('noBills')} columns={[
      { header: t('billNumber'), cell: (b) => <A href={`/admin/billing/${b.id}`}>{b.bill_number}</A> },
      ...(props.showPatient ? [{ header: t('patient'), cell: (b: Bill) => <PatientName id={b.patient_id} /> }] : []),
      { header: t('issuedAt'), cell: (b) => formatDateTime(b.created_at) },
      { header: t('careSetting'), cell: (b) => t(b.care_setting) },
      { header: t('total'), cell: (b) => formatKRW(b.total_amount), numeric: true },
      { header: t('patientShare'), cell: (b) => formatKRW(b.patient_amount), numeric: true },
      { header: t('outstanding'), cell: (b) => formatKRW(outstandingOf(b)), numeric: true },
      { header: t('status'), cell: (b) => <BillStatus status={b.status} /> },
    ]} />
  );
}
