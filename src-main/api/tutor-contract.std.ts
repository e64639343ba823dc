/**
 * The tutor part of the contract (methods named `tutor.*`). Composed into `apiArgs` / `ApiResults` /
 * `ApiEvent` by contract.std.ts.
 */
export const tutorApiArgs = {} as const;

export type TutorApiResults = Record<never, never>;

export type TutorApiEvent = never;
