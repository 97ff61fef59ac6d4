import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Locale = Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]);
export type Locale = Static<typeof Locale>;

export const ErrorEnvelope = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * A value or null. A scalar becomes one schema with a type list (`{type: ['integer', 'null']}`),
 * not a union: the server validates with type coercion, which tries a union's branches in order and
 * coerces on the way, so `null` became 0, "" or false in the value's branch (a survey's "no quiet
 * hours" was stored as midnight), and with null first 0 became null. A type list coerces only a value
 * that matches none of its types.
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const type = (schema as { type?: unknown }).type;
  return Type.Unsafe<Static<T> | null>(
    typeof type === 'string' && SCALARS.has(type)
      ? { ...schema, type: [type, 'null'] }
      : Type.Union([schema, Type.Null()]),
  );
}

/** The error responses most routes declare (each carries the envelope above). */
export const ErrorResponses = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
} as const;
