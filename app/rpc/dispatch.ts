// One call, from a validated wire message to a Result value: find the method, validate the
// arguments, run the implementation, check what it returned. Every failure is a value.

import { z } from 'zod';
import { appError, didYouMean, err, ok, type AppError, type Result } from '../contract/index.js';
import { describeParamIssue, formatParamIssue, toParamIssues } from './issues.js';
import type { Logger } from './logger.js';
import { AppErrorSchema, type CallMessage } from './protocol.js';
import type { CallContext, ServiceDefinition } from './service.js';

export interface Registration {
  definition: ServiceDefinition;
  /** Methods keyed by name; typed loosely here because the registry holds every service at once. */
  implementation: object;
}

const ReturnedResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function dispatchCall(
  registrations: ReadonlyMap<string, Registration>, call: CallMessage, context: CallContext, logger: Logger,
): Promise<Result<unknown>> {
  const registration = registrations.get(call.service);
  if (registration === undefined) {
    const known = [...registrations.keys()];
    return err(appError('not_found', `no service '${call.service}'${didYouMean(call.service, known)}`, { services: known }));
  }
  const { definition, implementation } = registration;
  const qualified = `${definition.name}.${call.method}`;
  const schema = Object.hasOwn(definition.methods, call.method) ? definition.methods[call.method] : undefined;
  const method: unknown = schema === undefined ? undefined : Reflect.get(implementation, call.method);
  if (schema === undefined || typeof method !== 'function') {
    const known = Object.keys(definition.methods);
    return err(appError('not_found', `service '${definition.name}' has no method '${call.method}'${didYouMean(call.method, known)}`, { methods: known }));
  }
  const params = schema.params.safeParse(call.params, { error: describeParamIssue });
  if (!params.success) return err(badArguments(qualified, params.error));
  const args: unknown[] = [...params.data];
  while (args.length < schema.params.def.items.length) args.push(undefined);
  let returned: unknown;
  try {
    returned = await Reflect.apply(method, implementation, [...args, context]);
  } catch (error) {
    if (context.signal.aborted) return err(appError('cancelled', `${qualified} was cancelled`));
    logger.warn(`${qualified} threw`, error);
    return err(appError('internal', `${qualified} failed: ${errorText(error)}`));
  }
  return checkReturned(qualified, returned, schema.result, logger);
}

function badArguments(qualified: string, error: z.ZodError): AppError {
  const issues = toParamIssues(error);
  const first = issues[0] === undefined ? 'invalid' : formatParamIssue(issues[0]);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return appError('bad_input', `invalid arguments for ${qualified}: ${first}${more}`, { issues });
}

/** An implementation that returns a non-Result or a value its schema rejects is a bug: `internal`. */
function checkReturned(qualified: string, returned: unknown, resultSchema: z.ZodType, logger: Logger): Result<unknown> {
  const shape = ReturnedResultSchema.safeParse(returned);
  if (!shape.success) {
    logger.warn(`${qualified} returned something other than a Result`, returned);
    return err(appError('internal', `${qualified} returned something other than {ok, value} or {ok, error}`));
  }
  if (!shape.data.ok) return err(appError(shape.data.error.code, shape.data.error.message, shape.data.error.details));
  const value = resultSchema.safeParse(shape.data.value, { error: describeParamIssue });
  if (value.success) return ok(value.data);
  const issue = toParamIssues(value.error)[0];
  logger.warn(`${qualified} returned a value its result schema rejects`, value.error.issues);
  return err(appError('internal', `${qualified} returned an invalid result: ${issue === undefined ? 'invalid' : formatParamIssue(issue)}`));
}
