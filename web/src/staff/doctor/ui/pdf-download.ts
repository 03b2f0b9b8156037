import { createMutation } from '@tanstack/solid-query';
import { useApp } from '../../../shared/app-context';
import { saveBlob } from '../../../shared/api';

type Query = Record<string, string | number | undefined>;

/**
 * A PDF the server renders on request (처방전, 진단서): a mutation, so the button can say it is
 * being generated (`isPending`) and a refusal (a superseded record: 409) shows the server's message.
 */
export function usePdfDownload() {
  const { api } = useApp();
  return createMutation(() => ({
    mutationFn: async (request: { path: string; filename: string; query?: Query }) => {
      saveBlob(await api.blob(request.path, request.query), request.filename);
    },
  }));
}
