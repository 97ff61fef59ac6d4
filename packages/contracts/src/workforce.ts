import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const strict = { additionalProperties: false } as const;

const modelDescription = '`c`: Erlang C (callers never hang up); `a`: Erlang A (exponential patience)';
export const ErlangModel = Type.Union([Type.Literal('c'), Type.Literal('a')], {
  description: modelDescription,
});
export type ErlangModel = Static<typeof ErlangModel>;

// Ranges are checked by the calculator, which answers WORKFORCE_INVALID_PARAMETERS naming the field,
// the same way for the API and the CLI; the schema only fixes the types.
export const ErlangQuery = Type.Object(
  {
    model: Type.Optional(
      Type.Union([Type.Literal('c'), Type.Literal('a')], { default: 'c', description: modelDescription }),
    ),
    arrivalsPerHour: Type.Number({ description: 'offered calls per hour, > 0' }),
    ahtSeconds: Type.Number({ description: 'average handling time in seconds, > 0' }),
    agents: Type.Optional(
      Type.Number({ description: 'agents on the queue, a whole number ≥ 1; optional when required=true' }),
    ),
    targetSeconds: Type.Number({ description: 'service-level threshold t: answered within t seconds, ≥ 0' }),
    patienceSeconds: Type.Optional(
      Type.Number({ description: 'mean caller patience in seconds, > 0; required for model a' }),
    ),
    required: Type.Optional(
      Type.Boolean({ default: false, description: 'also compute the fewest agents reaching sl' }),
    ),
    sl: Type.Optional(
      Type.Number({ default: 0.8, description: 'service-level target for required, in (0, 1)' }),
    ),
  },
  strict,
);
export type ErlangQuery = Static<typeof ErlangQuery>;

export const ErlangReport = Type.Object({
  model: ErlangModel,
  agents: Type.Integer({
    description: 'the agent count the measures describe (the required count when agents was omitted)',
  }),
  offeredLoad: Type.Number({ description: 'a = arrivals per second × AHT, in Erlangs' }),
  pWait: Type.Number({ description: 'P(W > 0): share of calls that find every agent busy' }),
  serviceLevel: Type.Number({ description: 'answered within t ÷ offered' }),
  serviceLevelAnswered: Type.Number({ description: 'answered within t ÷ answered' }),
  asa: Nullable(
    Type.Number({
      description: 'mean wait of answered calls, seconds; null when Erlang C is unstable (agents ≤ load)',
    }),
  ),
  pAbandon: Type.Number({ description: 'share of offered calls abandoned while waiting (0 for Erlang C)' }),
  occupancy: Type.Number({ description: 'carried load ÷ agents' }),
  isStable: Type.Boolean({ description: 'false for Erlang C when agents ≤ offered load' }),
  requiredAgents: Nullable(
    Type.Integer({ description: 'fewest agents reaching sl; null unless required=true' }),
  ),
  serviceLevelTarget: Nullable(Type.Number({ description: 'the sl used for requiredAgents' })),
});
export type ErlangReport = Static<typeof ErlangReport>;
