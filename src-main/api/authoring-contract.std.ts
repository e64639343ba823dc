/**
 * The authoring part of the contract (methods named `authoring.*`). Composed into `apiArgs` / `ApiResults` /
 * `ApiEvent` by contract.std.ts.
 */
export const authoringApiArgs = {} as const;

export type AuthoringApiResults = Record<never, never>;

export type AuthoringApiEvent = never;
