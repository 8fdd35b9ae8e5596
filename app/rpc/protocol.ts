// The wire format of the RPC: four kinds of message. Every message that arrives is parsed with
// these schemas first; anything else is dropped, whoever sent it.
//
//   client -> server   call   { id, service, method, params }   cancel { id }
//   server -> client   result { id, result: Result }            event  { service, event, payload }

import { z } from 'zod';
import { ERROR_CODES, type AppError, type Result } from '../contract/index.js';

/** Longest service, method or event name accepted: names are identifiers, not data. */
export const MAX_NAME_LENGTH = 200;

const CallId = z.int().nonnegative();
const Name = z.string().min(1).max(MAX_NAME_LENGTH);

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

// `value` and `payload` may be missing: JSON drops keys whose value is undefined (a void method).
const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

export const CallMessageSchema = z.object({
  type: z.literal('call'),
  id: CallId,
  service: Name,
  method: Name,
  params: z.array(z.unknown()),
});

export const CancelMessageSchema = z.object({
  type: z.literal('cancel'),
  id: CallId,
});

export const ResultMessageSchema = z.object({
  type: z.literal('result'),
  id: CallId,
  result: ResultSchema,
});

export const EventMessageSchema = z.object({
  type: z.literal('event'),
  service: Name,
  event: Name,
  payload: z.unknown().optional(),
});

export const RpcMessageSchema = z.discriminatedUnion('type', [
  CallMessageSchema, CancelMessageSchema, ResultMessageSchema, EventMessageSchema,
]);

export type CallMessage = z.output<typeof CallMessageSchema>;
export type CancelMessage = z.output<typeof CancelMessageSchema>;
export type EventMessage = z.output<typeof EventMessageSchema>;
/** `result` is typed with the contract's Result so that senders cannot build a malformed one. */
export interface ResultMessage {
  type: 'result';
  id: number;
  result: Result<unknown, AppError>;
}
export type RpcMessage = CallMessage | CancelMessage | ResultMessage | EventMessage;

export type ClientBoundMessage = ResultMessage | EventMessage;
export type ServerBoundMessage = CallMessage | CancelMessage;

export type MessageParse<T> = { ok: true; message: T } | { ok: false; reason: string };

const ClientBoundSchema = z.discriminatedUnion('type', [ResultMessageSchema, EventMessageSchema]);
const ServerBoundSchema = z.discriminatedUnion('type', [CallMessageSchema, CancelMessageSchema]);

/** What a client accepts: results and events; anything else (a call sent to a client too) is dropped. */
export function parseClientBound(value: unknown): MessageParse<ClientBoundMessage> {
  const parsed = parseWith(ClientBoundSchema, value);
  if (!parsed.ok) return parsed;
  if (parsed.message.type === 'event') return { ok: true, message: parsed.message };
  const { id, result } = parsed.message;
  // A missing `value` (a void method's answer after JSON) becomes an explicit undefined.
  const normalized: ResultMessage['result'] = result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
  return { ok: true, message: { type: 'result', id, result: normalized } };
}

/** What a server accepts: calls and cancellations. */
export function parseServerBound(value: unknown): MessageParse<ServerBoundMessage> {
  return parseWith(ServerBoundSchema, value);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): MessageParse<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data };
  const first = parsed.error.issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.map(String).join('.')}`;
  return { ok: false, reason: `malformed message${where}: ${first?.message ?? 'invalid'}` };
}
