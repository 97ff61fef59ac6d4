import { Type } from 'typebox';
import {
  AddCaseNote,
  AssignCaseTask,
  CaseAttachment,
  CaseBulkAction,
  CaseBulkResult,
  CaseDetail,
  CaseFacets,
  CaseFacetsQuery,
  CaseList,
  CaseListQuery,
  CaseSavedView,
  CaseSavedViewList,
  CaseStatusLink,
  CaseSummary,
  CaseTask,
  CaseTaskList,
  ChangeCaseOwner,
  ChangeCaseStatus,
  CompleteCaseTask,
  CreateCase,
  CreateCaseTask,
  ExtendComplaint,
  PostTaskMessage,
  PublicCaseStatus,
  SaveCaseView,
  TaskMessage,
  TaskMessageList,
  UpdateCase,
  UploadCaseAttachmentQuery,
} from '#contracts/cases.ts';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { requireActor } from '../../platform/rbac.ts';
import type { Secrets } from '../../platform/secrets.ts';
import { attachmentBodyParser, sendAttachment } from '../conversations/index.ts';
import { renderLetterPdf } from './cases.letter.ts';
import type { CasesService } from './cases.service.ts';

const errors = ErrorResponses;
const tags = ['cases'];
/** A status link stays valid for 90 days (the longest regulatory window plus margin). */
const LINK_TTL_MS = 90 * 86_400_000;
const LINK_SECRET = 'case_status_link';

const FieldDefinition = Type.Object({
  id: Type.String(),
  caseType: Type.String(),
  key: Type.String(),
  labels: Type.Record(Type.String(), Type.String()),
  kind: Type.String(),
  options: Type.Array(Type.String()),
  isRequired: Type.Boolean(),
  sort: Type.Integer(),
  isActive: Type.Boolean(),
  version: Type.Integer(),
});
const Labels = Type.Object({
  en: Type.String({ minLength: 1 }),
  'zh-CN': Type.String({ minLength: 1 }),
  vi: Type.String({ minLength: 1 }),
});
const CreateFieldDefinition = Type.Object(
  {
    caseType: Type.Union(
      ['inquiry', 'service_request', 'complaint', 'incident', 'internal_request'].map((t) => Type.Literal(t)),
    ),
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    labels: Labels,
    kind: Type.Union(['text', 'number', 'date', 'select', 'money'].map((t) => Type.Literal(t))),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
    isRequired: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
const UpdateFieldDefinition = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    labels: Type.Optional(Labels),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
    isRequired: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Deleted = Type.Object({ outcome: Type.Union([Type.Literal('deleted'), Type.Literal('deactivated')]) });
const Escalation = Type.Array(
  Type.Object({
    atPercent: Type.Union([Type.Literal(50), Type.Literal(80), Type.Literal(100)]),
    notify: Type.Union([Type.Literal('owner'), Type.Literal('team_lead'), Type.Literal('department_head')]),
  }),
);
const CreateSlaPolicy = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    caseType: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    priority: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    segment: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    calendarCode: Type.String({ minLength: 1 }),
    firstResponseMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    nextUpdateMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    resolutionMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    pauseWhileWaitingCustomer: Type.Optional(Type.Boolean()),
    escalation: Type.Optional(Escalation),
  },
  { additionalProperties: false },
);
const UpdateSlaPolicy = Type.Object(
  { ...CreateSlaPolicy.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const ExportQuery = Type.Object(
  { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);
const TokenQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** Cases, back-office tasks, complaints register and the customer's status page. */
export function casesRoutes(deps: {
  cases: CasesService;
  secrets: Secrets;
  clock: Clock;
  publicUrl: string;
  bankName: string;
}) {
  const { cases, secrets, clock } = deps;
  return async (app: App) => {
    app.post(
      '/cases',
      { schema: { tags, body: CreateCase, response: { 201: CaseSummary, ...errors } } },
      async (request, reply) => reply.code(201).send(await cases.createCase(request.actor, request.body)),
    );
    app.get(
      '/cases',
      { schema: { tags, querystring: CaseListQuery, response: { 200: CaseList, ...errors } } },
      async (request) => ({
        items: await cases.listCases(request.actor, request.query),
      }),
    );
    app.get(
      '/cases/facets',
      { schema: { tags, querystring: CaseFacetsQuery, response: { 200: CaseFacets, ...errors } } },
      async (request) => cases.caseFacets(request.actor, request.query),
    );
    app.get(
      '/cases/:id',
      { schema: { tags, params: IdParams, response: { 200: CaseDetail, ...errors } } },
      async (request) => cases.getCase(request.actor, request.params.id),
    );
    app.patch(
      '/cases/:id',
      { schema: { tags, params: IdParams, body: UpdateCase, response: { 200: CaseSummary, ...errors } } },
      async (request) => cases.updateCase(request.actor, request.params.id, request.body),
    );
    app.post(
      '/cases/:id/status',
      {
        schema: { tags, params: IdParams, body: ChangeCaseStatus, response: { 200: CaseSummary, ...errors } },
      },
      async (request) => cases.changeStatus(request.actor, request.params.id, request.body),
    );
    // Files on a case or a task: the body is the raw bytes, in a plugin of its own (as for chats).
    await app.register(async (files: App) => {
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', attachmentBodyParser);
      const upload = {
        tags,
        params: IdParams,
        querystring: UploadCaseAttachmentQuery,
        response: { 201: CaseAttachment, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
      };
      files.post(
        '/cases/:id/attachments',
        {
          schema: upload,
          // Refuse a stranger before reading up to 10 MB of body.
          onRequest: async (request) => {
            requireActor(request.actor);
          },
        },
        async (request, reply) =>
          reply.code(201).send(
            await cases.addAttachment(request.actor, {
              caseId: request.params.id,
              fileName: request.query.name,
              data: request.body as Buffer,
            }),
          ),
      );
      files.post(
        '/case-tasks/:id/attachments',
        {
          schema: upload,
          // Refuse a stranger before reading up to 10 MB of body.
          onRequest: async (request) => {
            requireActor(request.actor);
          },
        },
        async (request, reply) =>
          reply.code(201).send(
            await cases.addAttachment(request.actor, {
              taskId: request.params.id,
              fileName: request.query.name,
              data: request.body as Buffer,
            }),
          ),
      );
    });
    app.get(
      '/case-attachments/:id',
      { schema: { tags, params: IdParams, response: errors } },
      async (request, reply) => {
        const file = await cases.getAttachment(request.actor, request.params.id);
        return sendAttachment(reply, file as Parameters<typeof sendAttachment>[1]);
      },
    );
    app.get(
      '/case-views',
      { schema: { tags, response: { 200: CaseSavedViewList, ...errors } } },
      async (request) => ({ items: await cases.listSavedViews(request.actor) }),
    );
    app.post(
      '/case-views',
      { schema: { tags, body: SaveCaseView, response: { 201: CaseSavedView, ...errors } } },
      async (request, reply) => reply.code(201).send(await cases.saveView(request.actor, request.body)),
    );
    app.delete(
      '/case-views/:id',
      { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await cases.deleteView(request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/cases/bulk',
      { schema: { tags, body: CaseBulkAction, response: { 200: CaseBulkResult, ...errors } } },
      async (request) => cases.bulkAction(request.actor, request.body),
    );
    app.post(
      '/cases/:id/owner',
      {
        schema: { tags, params: IdParams, body: ChangeCaseOwner, response: { 200: CaseSummary, ...errors } },
      },
      async (request) => cases.changeOwner(request.actor, request.params.id, request.body),
    );
    app.post(
      '/cases/:id/notes',
      {
        schema: {
          tags,
          params: IdParams,
          body: AddCaseNote,
          response: { 201: Type.Object({ id: Type.String() }), ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await cases.addNote(request.actor, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/tasks',
      { schema: { tags, params: IdParams, body: CreateCaseTask, response: { 201: CaseTask, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await cases.createTask(request.actor, request.params.id, request.body)),
    );
    app.get(
      '/case-tasks/queue',
      {
        schema: {
          tags,
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('in_progress'), Type.Literal('done')]),
            ),
          }),
          response: { 200: CaseTaskList, ...errors },
        },
      },
      async (request) => ({ items: await cases.listDepartmentTasks(request.actor, request.query) }),
    );
    app.get(
      '/case-tasks/mine',
      { schema: { tags, response: { 200: CaseTaskList, ...errors } } },
      async (request) => ({
        items: await cases.listMyTasks(request.actor),
      }),
    );
    app.post(
      '/case-tasks/pick',
      { schema: { tags, response: { 200: CaseTask, ...errors } } },
      async (request) => cases.pickNextTask(request.actor),
    );
    app.post(
      '/case-tasks/:id/take',
      { schema: { tags, params: IdParams, response: { 200: CaseTask, ...errors } } },
      async (request) => cases.takeTask(request.actor, request.params.id),
    );
    app.post(
      '/case-tasks/:id/assign',
      { schema: { tags, params: IdParams, body: AssignCaseTask, response: { 200: CaseTask, ...errors } } },
      async (request) => cases.assignTask(request.actor, request.params.id, request.body.userId),
    );
    app.post(
      '/case-tasks/:id/complete',
      { schema: { tags, params: IdParams, body: CompleteCaseTask, response: { 200: CaseTask, ...errors } } },
      async (request) => cases.completeTask(request.actor, request.params.id, request.body.outcome),
    );
    app.get(
      '/case-tasks/:id/messages',
      { schema: { tags, params: IdParams, response: { 200: TaskMessageList, ...errors } } },
      async (request) => ({ items: await cases.listTaskMessages(request.actor, request.params.id) }),
    );
    app.post(
      '/case-tasks/:id/messages',
      {
        schema: { tags, params: IdParams, body: PostTaskMessage, response: { 201: TaskMessage, ...errors } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await cases.postTaskMessage(request.actor, request.params.id, request.body.body)),
    );

    // Complaints register.
    app.post(
      '/cases/:id/extension',
      {
        schema: { tags, params: IdParams, body: ExtendComplaint, response: { 200: CaseSummary, ...errors } },
      },
      async (request) => cases.extendComplaint(request.actor, request.params.id, request.body.reason),
    );
    app.get(
      '/cases-reports/first-owner',
      {
        schema: {
          tags,
          querystring: ExportQuery,
          response: {
            200: Type.Object({
              finished: Type.Integer(),
              byFirstOwner: Type.Integer(),
              share: Type.Union([Type.Number(), Type.Null()]),
            }),
            ...errors,
          },
        },
      },
      async (request) =>
        cases.firstOwnerShare(request.actor, {
          from: new Date(`${request.query.from}T00:00:00Z`),
          to: new Date(`${request.query.to}T00:00:00Z`),
        }),
    );
    app.get(
      '/complaints/export.csv',
      { schema: { tags, querystring: ExportQuery } },
      async (request, reply) => {
        const from = new Date(`${request.query.from}T00:00:00Z`);
        const to = new Date(`${request.query.to}T00:00:00Z`);
        const csv = await cases.exportComplaints(request.actor, { from, to });
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header(
          'content-disposition',
          `attachment; filename="complaints-${request.query.from}-${request.query.to}.csv"`,
        );
        // BOM: spreadsheet programs then read the Chinese and Vietnamese text as UTF-8.
        return reply.send(`\ufeff${csv}`);
      },
    );
    app.get(
      '/cases/:id/letter.pdf',
      {
        schema: {
          tags,
          params: IdParams,
          querystring: Type.Object({
            lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
          }),
        },
      },
      async (request, reply) => {
        const { case: c, customerName } = await cases.getForLetter(request.actor, request.params.id);
        if (c.status !== 'resolved' && c.status !== 'closed')
          throw new AppError('CASE_TRANSITION_INVALID', 409, undefined, { from: c.status, to: 'letter' });
        const pdf = await renderLetterPdf(
          {
            bankName: deps.bankName,
            number: c.number,
            customerName,
            receivedAt: new Date(c.created_at),
            subject: c.subject,
            resolution: c.resolution ?? '',
            rootCause: c.root_cause ?? '',
            issuedAt: clock.now(),
          },
          request.query.lang ?? c.language,
        );
        reply.header('content-type', 'application/pdf');
        reply.header(
          'content-disposition',
          `attachment; filename="${c.number}-${request.query.lang ?? c.language}.pdf"`,
        );
        return reply.send(Buffer.from(pdf));
      },
    );

    // The customer's status page: a signed link (HMAC, constant-time check in platform/secrets.ts).
    app.post(
      '/cases/:id/status-link',
      { schema: { tags, params: IdParams, response: { 200: CaseStatusLink, ...errors } } },
      async (request) => {
        const c = await cases.assertCanShareLink(request.actor, request.params.id);
        const token = await secrets.sign(LINK_SECRET, {
          caseId: c.id,
          exp: clock.now().getTime() + LINK_TTL_MS,
        });
        return { token, url: `${deps.publicUrl}/case-status?token=${encodeURIComponent(token)}` };
      },
    );
    app.get(
      '/public/case-status',
      { schema: { tags, querystring: TokenQuery, response: { 200: PublicCaseStatus, ...errors } } },
      async (request) => {
        const payload = await secrets.verify<{ caseId: string; exp: number }>(
          LINK_SECRET,
          request.query.token,
          clock.now(),
        );
        if (!payload) throw new AppError('CASE_LINK_INVALID', 403);
        return cases.publicStatus(payload.caseId);
      },
    );

    app.get(
      '/case-departments',
      {
        schema: {
          tags,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  code: Type.String(),
                  name: Type.String(),
                  kind: Type.String(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({ items: await cases.listDepartments(request.actor) }),
    );

    // Administration.
    const Range = Type.Tuple([Type.String(), Type.String()]);
    const Day = Type.Object({
      date: Type.String(),
      name: Type.String(),
      hours: Type.Optional(Type.Array(Range)),
    });
    const Calendar = Type.Object({
      name: Type.String({ minLength: 1, maxLength: 100 }),
      timeZone: Type.String({ minLength: 1 }),
      weekly: Type.Record(Type.String({ pattern: '^[0-6]$' }), Type.Array(Range)),
      holidays: Type.Array(Day, { maxItems: 1000 }),
      makeUpDays: Type.Array(
        Type.Intersect([Day, Type.Object({ asWeekday: Type.Optional(Type.String({ pattern: '^[0-6]$' })) })]),
        { maxItems: 1000 },
      ),
    });
    const CalendarView = Type.Intersect([
      Calendar,
      Type.Object({ code: Type.String(), seeded: Type.Boolean() }),
    ]);
    app.get(
      '/admin/case-calendars',
      { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CalendarView) }), ...errors } } },
      async (request) => ({ items: await cases.listCalendars(request.actor) }),
    );
    app.put(
      '/admin/case-calendars/:code',
      {
        schema: {
          tags,
          params: Type.Object({ code: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,19}$' }) }),
          body: Calendar,
          response: { 200: CalendarView, ...errors },
        },
      },
      async (request) =>
        cases.saveCalendar(
          request.actor,
          request.params.code,
          request.body as Parameters<CasesService['saveCalendar']>[2],
        ),
    );
    app.get(
      '/admin/case-fields',
      { schema: { tags, response: { 200: Type.Object({ items: Type.Array(FieldDefinition) }), ...errors } } },
      async (request) => ({ items: await cases.listFieldDefinitions(request.actor) }),
    );
    app.post(
      '/admin/case-fields',
      { schema: { tags, body: CreateFieldDefinition, response: { 201: FieldDefinition, ...errors } } },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await cases.createFieldDefinition(
              requireActor(request.actor),
              request.body as Parameters<CasesService['createFieldDefinition']>[1],
            ),
          ),
    );
    app.patch(
      '/admin/case-fields/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateFieldDefinition,
          response: { 200: FieldDefinition, ...errors },
        },
      },
      async (request) => cases.updateFieldDefinition(request.actor, request.params.id, request.body),
    );
    app.delete(
      '/admin/case-fields/:id',
      {
        schema: { tags, params: IdParams, querystring: VersionQuery, response: { 200: Deleted, ...errors } },
      },
      async (request) => cases.deleteFieldDefinition(request.actor, request.params.id, request.query.version),
    );
    const SlaPolicyView = Type.Object({
      id: Type.String(),
      name: Type.String(),
      caseType: Type.Union([Type.String(), Type.Null()]),
      priority: Type.Union([Type.String(), Type.Null()]),
      segment: Type.Union([Type.String(), Type.Null()]),
      calendarCode: Type.String(),
      firstResponseMinutes: Type.Union([Type.Integer(), Type.Null()]),
      nextUpdateMinutes: Type.Union([Type.Integer(), Type.Null()]),
      resolutionMinutes: Type.Union([Type.Integer(), Type.Null()]),
      pauseWhileWaitingCustomer: Type.Boolean(),
      escalation: Type.Array(Type.Object({ atPercent: Type.Integer(), notify: Type.String() })),
      isActive: Type.Boolean(),
      version: Type.Integer(),
    });
    app.get(
      '/admin/case-sla-policies',
      { schema: { tags, response: { 200: Type.Object({ items: Type.Array(SlaPolicyView) }), ...errors } } },
      async (request) => ({ items: await cases.listSlaPolicies(request.actor) }),
    );
    app.post(
      '/admin/case-sla-policies',
      {
        schema: {
          tags,
          body: CreateSlaPolicy,
          response: { 201: Type.Object({ id: Type.String() }), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await cases.createSlaPolicy(
              requireActor(request.actor),
              request.body as Parameters<CasesService['createSlaPolicy']>[1],
            ),
          ),
    );
    app.patch(
      '/admin/case-sla-policies/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateSlaPolicy,
          response: { 200: SlaPolicyView, ...errors },
        },
      },
      async (request) =>
        cases.updateSlaPolicy(
          request.actor,
          request.params.id,
          request.body as Parameters<CasesService['updateSlaPolicy']>[2],
        ),
    );
    app.delete(
      '/admin/case-sla-policies/:id',
      {
        schema: { tags, params: IdParams, querystring: VersionQuery, response: { 200: Deleted, ...errors } },
      },
      async (request) => cases.deleteSlaPolicy(request.actor, request.params.id, request.query.version),
    );
  };
}
