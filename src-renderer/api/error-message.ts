/** A thrown value as one sentence for the page (ApiError messages come from the server as is). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'something went wrong';
}
