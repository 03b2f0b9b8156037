import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../../shared/app-context';
import type { MedicalRecord } from '../types';

/** One record (GET /medical-records/{id}), shared by its page and the amendment form. */
export function useRecord(id: () => number) {
  const { api } = useApp();
  return createQuery(() => ({ queryKey: ['doctor', 'record', id()], queryFn: () => api.get<MedicalRecord>(`/medical-records/${id()}`) }));
}

/** Every version of a record, newest first, each with its amendment reason. */
export function useRecordHistory(id: () => number) {
  const { api } = useApp();
  return createQuery(() => ({ queryKey: ['doctor', 'record-history', id()], queryFn: () => api.get<MedicalRecord[]>(`/medical-records/${id()}/history`) }));
}
