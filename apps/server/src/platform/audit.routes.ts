import { Type } from 'typebox';
import { ErrorEnvelope } from '#contracts/common.ts';
import { AuditList, AuditQuery, AuditVerifyReply } from '#contracts/staff.ts';
import type { Audit } from './audit.ts';
import { csvCell } from './csv.ts';
import type { App } from './http.ts';
import { requirePermission } from './rbac.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };

/** The auditor's view of the audit log: list, CSV export, chain verification. */
export function auditRoutes(deps: { audit: Audit }) {
  const { audit } = deps;
  const toFilters = (q: { action?: string; actorId?: string; from?: string; to?: string }) => ({
    action: q.action,
    actorId: q.actorId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  });

  return async (app: App) => {
    app.get(
      '/audit',
      { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'audit.read');
        const page = await audit.listAudit({
          ...toFilters(request.query),
          before: request.query.before,
          limit: request.query.limit,
        });
        return {
          items: page.items.map((r) => ({
            ...r,
            at: r.at.toISOString(),
            details: r.details as Record<string, unknown>,
          })),
          nextBefore: page.nextBefore,
        };
      },
    );

    app.get(
      '/audit/actions',
      {
        schema: {
          tags: ['audit'],
          response: { 200: Type.Object({ items: Type.Array(Type.String()) }), ...errors },
        },
      },
      async (request) => {
        requirePermission(request.actor, 'audit.read');
        return { items: await audit.listAuditActions() };
      },
    );

    app.get(
      '/audit/export.csv',
      { schema: { tags: ['audit'], querystring: Type.Omit(AuditQuery, ['before', 'limit']) } },
      async (request, reply) => {
        requirePermission(request.actor, 'audit.read');
        const filters = toFilters(request.query);
        await audit.recordAlone({
          actorId: request.actor?.userId ?? null,
          actorName: request.actor?.username ?? null,
          action: 'audit.exported',
          ip: request.ip,
          details: { filters: request.query },
        });
        async function* lines() {
          yield '\uFEFFseq,at,actor,action,target_type,target_id,ip,details\n';
          for await (const r of audit.iterateAudit(filters)) {
            yield `${[r.seq, r.at.toISOString(), r.actorName, r.action, r.targetType, r.targetId, r.ip, r.details].map(csvCell).join(',')}\n`;
          }
        }
        const { Readable } = await import('node:stream');
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', 'attachment; filename="banyan-audit.csv"');
        return reply.send(Readable.from(lines()));
      },
    );

    app.post(
      '/audit/verify',
      { schema: { tags: ['audit'], response: { 200: AuditVerifyReply, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'audit.verify');
        return audit.verify();
      },
    );
  };
}
