import './surveys.messages.ts';

export { surveysRoutes } from './surveys.routes.ts';
export { surveyDefinitions, surveyInvitations, surveyResponses } from './surveys.schema.ts';
export {
  createSurveysService,
  outsideQuietHours,
  registerSurveyListeners,
  STANDARD_QUESTIONS,
  SURVEY_EVENTS,
  type SurveysService,
  sampleOf,
} from './surveys.service.ts';
