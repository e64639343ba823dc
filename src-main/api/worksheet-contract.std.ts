/**
 * The worksheet part of the contract (methods named `worksheets.*`). Composed into `apiArgs` / `ApiResults` /
 * `ApiEvent` by contract.std.ts.
 */
export const worksheetApiArgs = {} as const;

export type WorksheetApiResults = Record<never, never>;

export type WorksheetApiEvent = never;
