import { QueryClient } from '@tanstack/solid-query';
import { ApiError } from './api';

/** Server state for one app: a failed 4xx is not retried (the answer will not change), others twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
