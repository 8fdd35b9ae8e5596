// A service that exercises every path of the RPC, shared by the transport suites.

import { z } from 'zod';
import { MfgSpecSchema, appError, err, ok, type Result } from '../../contract/index.js';
import { defineService, type ServiceImplementation } from '../service.js';
import { Float32ArraySchema, Float64ArraySchema, Uint8ArraySchema } from '../typed-arrays.js';

export const FAILURES = ['throw', 'throwSync', 'notResult', 'invalidValue', 'error'] as const;

const Arrays = z.object({ f64: Float64ArraySchema, f32: Float32ArraySchema, u8: Uint8ArraySchema });

export const DemoService = defineService('demo', {
  methods: {
    add: { params: z.tuple([z.number(), z.number()]), result: z.number() },
    greet: { params: z.tuple([z.string(), z.object({ excited: z.boolean() }).optional()]), result: z.string() },
    configure: { params: z.tuple([z.object({ solver: z.object({ tolerance: z.number().positive() }) })]), result: z.null() },
    checkSpec: { params: z.tuple([MfgSpecSchema]), result: z.string() },
    waitForCancel: { params: z.tuple([]), result: z.string() },
    fail: { params: z.tuple([z.enum(FAILURES)]), result: z.string() },
    echoArrays: { params: z.tuple([Arrays]), result: z.object({ arrays: Arrays, sums: z.array(z.number().or(z.nan())) }) },
    whoAmI: { params: z.tuple([]), result: z.string() },
    reset: { params: z.tuple([]), result: z.undefined() },
  },
  events: {
    onDidTick: z.object({ count: z.int().nonnegative() }),
  },
});

export interface DemoProbe {
  /** Resolves with signal.aborted once waitForCancel's signal fires. */
  aborted: Promise<boolean>;
  started: Promise<void>;
}

async function failLater(how: (typeof FAILURES)[number]): Promise<Result<string>> {
  if (how === 'throw') throw new Error('the solver exploded');
  // Deliberately wrong returns, which only a cast can produce: the server must not trust types.
  if (how === 'notResult') return 'oops' as unknown as Result<string>;
  if (how === 'invalidValue') return ok(42 as unknown as string);
  return err(appError('solver_failed', 'diverged at iteration 7', { iteration: 7 }));
}

const sum = (array: ArrayLike<number>): number => Array.from(array).reduce((a, b) => a + b, 0);

export function createDemoImplementation(): { implementation: ServiceImplementation<typeof DemoService>; probe: DemoProbe } {
  let markAborted: (aborted: boolean) => void = () => {};
  let markStarted: () => void = () => {};
  const probe: DemoProbe = {
    aborted: new Promise((resolve) => { markAborted = resolve; }),
    started: new Promise((resolve) => { markStarted = resolve; }),
  };
  const implementation: ServiceImplementation<typeof DemoService> = {
    add: async (a, b) => ok(a + b),
    greet: async (name, options) => ok(`hello ${name}${options?.excited === true ? '!' : ''}`),
    configure: async () => ok(null),
    checkSpec: async (spec) => ok(spec.name),
    waitForCancel: (context) => new Promise((resolve) => {
      markStarted();
      context.signal.addEventListener('abort', () => {
        markAborted(context.signal.aborted);
        resolve(ok('stopped'));
      });
    }),
    fail: (how) => {
      // Thrown before any promise exists: the server must catch this too.
      if (how === 'throwSync') throw new Error('thrown synchronously');
      return failLater(how);
    },
    echoArrays: async (arrays) => ok({ arrays, sums: [sum(arrays.f64), sum(arrays.f32), sum(arrays.u8)] }),
    whoAmI: async (context) => ok(context.connectionId),
    reset: async () => ok(undefined),
  };
  return { implementation, probe };
}
