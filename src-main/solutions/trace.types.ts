/**
 * The step tracer's output (see `im_trace` in sandbox/harness.py), validated here: it comes out of the
 * sandbox, so nothing in it is trusted until it has passed these schemas. Expressions arrive as a small
 * tree built by Python's own parser, so the engine never re-parses Python.
 */
import { z } from 'zod';
import type { PyValue } from '../template/template.types.js';

const pyValueSchema: z.ZodType<PyValue> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal('int'), v: z.string().regex(/^-?\d+$/) }),
    z.object({ t: z.literal('float'), v: z.union([z.number(), z.enum(['nan', 'inf', '-inf'])]) }),
    z.object({ t: z.literal('fraction'), n: z.string().regex(/^-?\d+$/), d: z.string().regex(/^\d+$/) }),
    z.object({ t: z.literal('str'), v: z.string() }),
    z.object({ t: z.literal('bool'), v: z.boolean() }),
    z.object({ t: z.literal('list'), v: z.array(pyValueSchema) }),
    z.object({ t: z.literal('none') }),
    z.object({ t: z.literal('other'), type: z.string(), repr: z.string() }),
  ]),
);

export const BIN_OPS = ['+', '-', '*', '/', '//', '%', '**'] as const;
export type BinOp = (typeof BIN_OPS)[number];

/** A Python expression as the tracer describes it. `other` keeps the source of anything not modelled. */
export type Expr =
  | { k: 'num'; v: PyValue }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'none' }
  | { k: 'name'; id: string }
  | { k: 'bin'; op: BinOp; l: Expr; r: Expr }
  | { k: 'unary'; op: '-' | '+' | 'not'; e: Expr }
  | { k: 'call'; f: string; args: Expr[] }
  | { k: 'cmp'; ops: string[]; items: Expr[] }
  | { k: 'boolop'; op: 'and' | 'or'; items: Expr[] }
  | { k: 'ifexp'; test: Expr; body: Expr; orelse: Expr }
  | { k: 'list' | 'tuple'; items: Expr[] }
  | { k: 'other'; src: string };

export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ k: z.literal('num'), v: pyValueSchema }),
    z.object({ k: z.literal('str'), v: z.string() }),
    z.object({ k: z.literal('bool'), v: z.boolean() }),
    z.object({ k: z.literal('none') }),
    z.object({ k: z.literal('name'), id: z.string().min(1) }),
    z.object({ k: z.literal('bin'), op: z.enum(BIN_OPS), l: exprSchema, r: exprSchema }),
    z.object({ k: z.literal('unary'), op: z.enum(['-', '+', 'not']), e: exprSchema }),
    z.object({ k: z.literal('call'), f: z.string().min(1), args: z.array(exprSchema) }),
    z.object({ k: z.literal('cmp'), ops: z.array(z.string()), items: z.array(exprSchema) }),
    z.object({ k: z.literal('boolop'), op: z.enum(['and', 'or']), items: z.array(exprSchema) }),
    z.object({ k: z.literal('ifexp'), test: exprSchema, body: exprSchema, orelse: exprSchema }),
    z.object({ k: z.enum(['list', 'tuple']), items: z.array(exprSchema) }),
    z.object({ k: z.literal('other'), src: z.string() }),
  ]),
);

const common = {
  line: z.number().int().positive(),
  /** The statement as written (its header only for `if`/`for`). */
  source: z.string(),
  /** The comment lines just above the statement, without `#`. */
  comments: z.array(z.string()),
  /** Values of the names the statement read, taken just before it ran. */
  reads: z.record(z.string(), pyValueSchema),
  expr: exprSchema.optional(),
};

export const traceEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assign'),
    ...common,
    targets: z.array(z.string()).min(1),
    /** Values of the targets just after the statement ran. */
    values: z.record(z.string(), pyValueSchema),
    /** Augmented assignment (`total += x`): its operator. */
    aug: z.enum(BIN_OPS).optional(),
    /** A `for` header binding its loop variable. */
    loop: z.literal(true).optional(),
  }),
  z.object({ kind: z.literal('test'), ...common, outcome: z.boolean() }),
  z.object({ kind: z.literal('return'), ...common, value: pyValueSchema }),
]);
export type TraceEvent = z.infer<typeof traceEventSchema>;

const runResultSchema = z.object({
  status: z.string(),
  value: pyValueSchema.optional(),
  error: z.object({ type: z.string(), message: z.string(), line: z.number().optional() }).optional(),
  ms: z.number(),
});

export const rawTraceSchema = z.object({
  result: runResultSchema,
  doc: z.string().nullable().optional(),
  events: z.array(traceEventSchema).max(200),
  truncated: z.boolean().optional(),
});

/** A successful trace: the program's answer and what it did to get there. */
export interface Trace {
  answer: PyValue;
  /** The entry function's docstring (what the program computes), when it has one. */
  doc: string | undefined;
  events: TraceEvent[];
  /** More steps than the tracer keeps (200): the solution shows the first ones only. */
  truncated: boolean;
  /** Time spent running the program under the tracer, ms. */
  ms: number;
}

/** Why no trace could be made; `status` is the sandbox's RunStatus (`timeout`, `error`, …) or `invalid-trace`. */
export interface TraceFailure {
  status: string;
  message: string;
}
