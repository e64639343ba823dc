/**
 * Test contexts implement the methods their tests exercise; every other method of the contract
 * answers "unavailable" through this, so adding a domain to the contract does not touch every fixture.
 */
import { API_METHODS, ApiError, type ApiHandlers } from '../../src-main/api/contract.std.js';

export function withUnavailable(partial: Partial<ApiHandlers>): ApiHandlers {
  const full: Record<string, unknown> = { ...partial };
  for (const method of API_METHODS) {
    full[method] ??= () => Promise.reject(new ApiError('unavailable', `${method} is not in this test context`));
  }
  return full as ApiHandlers;
}
