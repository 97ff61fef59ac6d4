import type { FastifyRequest } from 'fastify';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  CreateSurvey,
  InlineSurvey,
  InlineSurveyQuery,
  PadSurveyAnswer,
  PadSurveyQuery,
  PublicSurvey,
  PublicSurveyQuery,
  PublicSurveyTokenQuery,
  Survey,
  SurveyAnswer,
  SurveyList,
  SurveyResponseList,
  SurveyResults,
  SurveyResultsQuery,
  SurveyThanks,
  UpdateSurvey,
} from '#contracts/surveys.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import type { BranchService } from '../branch/index.ts';
import type { WebchatService } from '../channels/webchat/index.ts';
import type { SurveysService } from './surveys.service.ts';

const errors = { ...ErrorResponses, 429: ErrorEnvelope };

/**
 * Survey definitions and responses (quality analysts), the public link-only survey page's API
 * (customers), and the survey asked in place: in the widget after a chat (`Visitor` token, own
 * conversation only) and on the branch pad after a visit (`X-Device-Token` of a pad, own branch only).
 */
export function surveysRoutes(deps: {
  surveys: SurveysService;
  webchat: WebchatService;
  branch: BranchService;
}) {
  const { surveys, webchat, branch } = deps;
  // Links are unguessable; this only stops a client hammering the endpoint.
  const perIp = createRateLimiter({ limit: 30, windowMs: 60_000 });
  const inPlacePerIp = createRateLimiter({ limit: 120, windowMs: 60_000 });
  const visitorOf = async (request: FastifyRequest) => {
    if (!inPlacePerIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
    const header = request.headers.authorization;
    return webchat.authenticate(header?.startsWith('Visitor ') ? header.slice(8).trim() : undefined);
  };
  const padOf = async (request: FastifyRequest) => {
    if (!inPlacePerIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
    const token = request.headers['x-device-token'];
    return branch.authenticateDevice(typeof token === 'string' ? token : undefined, 'pad');
  };
  return async (app: App) => {
    app.get(
      '/surveys/results',
      {
        schema: {
          tags: ['surveys'],
          querystring: SurveyResultsQuery,
          response: { 200: SurveyResults, ...errors },
        },
      },
      async (request) => surveys.surveyResults(request.actor, request.query),
    );
    app.get(
      '/surveys/:id/responses',
      { schema: { tags: ['surveys'], params: IdParams, response: { 200: SurveyResponseList, ...errors } } },
      async (request) => ({ items: await surveys.listResponses(request.actor, request.params.id) }),
    );
    app.get(
      '/widget/conversations/:id/survey',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          querystring: InlineSurveyQuery,
          response: { 200: InlineSurvey, ...errors },
        },
      },
      async (request) => {
        const visitor = await visitorOf(request);
        const contact = await surveys.chatContact(visitor.visitorId, request.params.id);
        return surveys.inlineSurvey(contact, request.query.lang);
      },
    );
    app.post(
      '/widget/conversations/:id/survey',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          body: SurveyAnswer,
          response: { 201: SurveyThanks, ...errors },
        },
      },
      async (request, reply) => {
        const visitor = await visitorOf(request);
        const contact = await surveys.chatContact(visitor.visitorId, request.params.id);
        return reply.code(201).send(await surveys.answerInline(contact, request.body, 'widget'));
      },
    );
    app.get(
      '/branch/device/survey',
      {
        schema: { tags: ['branch'], querystring: PadSurveyQuery, response: { 200: InlineSurvey, ...errors } },
      },
      async (request) => {
        const contact = await surveys.visitContact(await padOf(request), request.query.ticketId);
        return surveys.inlineSurvey(contact, request.query.lang);
      },
    );
    app.post(
      '/branch/device/survey',
      { schema: { tags: ['branch'], body: PadSurveyAnswer, response: { 201: SurveyThanks, ...errors } } },
      async (request, reply) => {
        const contact = await surveys.visitContact(await padOf(request), request.body.ticketId);
        const { answers, language } = request.body;
        return reply.code(201).send(await surveys.answerInline(contact, { answers, language }, 'branch_pad'));
      },
    );
    app.get(
      '/surveys',
      { schema: { tags: ['surveys'], response: { 200: SurveyList, ...errors } } },
      async (request) => ({ items: await surveys.listSurveys(request.actor) }),
    );
    app.post(
      '/surveys',
      { schema: { tags: ['surveys'], body: CreateSurvey, response: { 201: Survey, ...errors } } },
      async (request, reply) => reply.code(201).send(await surveys.createSurvey(request.actor, request.body)),
    );
    app.patch(
      '/surveys/:id',
      {
        schema: {
          tags: ['surveys'],
          params: IdParams,
          body: UpdateSurvey,
          response: { 200: Survey, ...errors },
        },
      },
      async (request) => surveys.updateSurvey(request.actor, request.params.id, request.body),
    );
    app.get(
      '/public/survey',
      {
        schema: {
          tags: ['surveys'],
          querystring: PublicSurveyQuery,
          response: { 200: PublicSurvey, ...errors },
        },
      },
      async (request) => {
        if (!perIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
        return surveys.getPublicSurvey(request.query.token, request.query.lang);
      },
    );
    app.post(
      '/public/survey',
      {
        schema: {
          tags: ['surveys'],
          querystring: PublicSurveyTokenQuery,
          body: SurveyAnswer,
          response: { 201: SurveyThanks, ...errors },
        },
      },
      async (request, reply) => {
        if (!perIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
        return reply.code(201).send(await surveys.answer(request.query.token, request.body));
      },
    );
  };
}
