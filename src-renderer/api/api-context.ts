/** The ApiClient for the component tree (one per window, created in main.tsx). */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../../src-main/api/contract.std.js';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) throw new Error('useApi: no <ApiContext> provider above this component');
  return client;
}
