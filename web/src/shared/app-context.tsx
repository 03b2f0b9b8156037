import { createContext, useContext, type JSX } from 'solid-js';
import { QueryClientProvider } from '@tanstack/solid-query';
import { createApi, type Api } from './api';
import { createQueryClient } from './query';
import type { Session } from './session';

interface AppContextValue {
  session: Session;
  api: Api;
}

const AppContext = createContext<AppContextValue>();

/** Session, API client and server-state cache for everything below (one per entry). */
export function AppProvider(props: { session: Session; children: JSX.Element }) {
  const value = { session: props.session, api: createApi(props.session) };
  const client = createQueryClient();
  return (
    <AppContext.Provider value={value}>
      <QueryClientProvider client={client}>{props.children}</QueryClientProvider>
    </AppContext.Provider>
  );
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <AppProvider>');
  return value;
}
