/** A call through a BackendClient that must succeed: its typed value, or an error naming the failure. */
import type { ApiArgs, ApiMethod, ApiResults } from '../../src-main/api/contract.std.js';
import type { BackendClient } from '../../src-main/backend/backend-client.js';

export async function okCall<M extends ApiMethod>(client: BackendClient, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const response = await client.call(method, args);
  if (!response.ok) throw new Error(`${method}: expected ok, got ${response.error.code}: ${response.error.message}`);
  return response.value as ApiResults[M];
}
