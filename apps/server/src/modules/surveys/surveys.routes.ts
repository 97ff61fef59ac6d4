import { ErrorResponses } from '#contracts/common.ts';
import {
  CreateSurvey,
  PublicSurvey,
  PublicSurveyQuery,
  PublicSurveyTokenQuery,
  Survey,
  SurveyAnswer,
  SurveyList,
  SurveyThanks,
} from '#contracts/surveys.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import type { SurveysService } from './surveys.service.ts';

const errors = ErrorResponses;

/** Survey definitions (quality analysts) and the public, link-only survey page's API (customers). */
export function surveysRoutes(deps: { surveys: SurveysService }) {
  const { surveys } = deps;
  // Links are unguessable; this only stops a client hammering the endpoint.
  const perIp = createRateLimiter({ limit: 30, windowMs: 60_000 });
  return async (app: App) => {
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
