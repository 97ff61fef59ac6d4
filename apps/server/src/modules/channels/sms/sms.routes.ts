import { Type } from 'typebox';
import { ErrorResponses } from '#contracts/common.ts';
import {
  SmsGatewayInbound,
  SmsGatewayReport,
  SmsOutboxList,
  SmsOutboxQuery,
  SmsSimulateInbound,
} from '#contracts/sms.ts';
import type { Clock } from '../../../platform/clock.ts';
import { AppError } from '../../../platform/errors.ts';
import type { App } from '../../../platform/http.ts';
import { requireActor, requirePermission } from '../../../platform/rbac.ts';
import { toE164 } from './sms.codec.ts';
import { SIGNATURE_HEADER, verifySignature } from './sms.gateway.ts';
import type { SmsChannel } from './sms.service.ts';
import type { SmscSimulator } from './sms.simulator.ts';

const Accepted = Type.Object({ outcome: Type.String() });

/**
 * Admin · SMS outbox, and the HTTP gateway's two signed webhooks (a customer's text, a delivery
 * report). The webhooks keep the raw body: the signature is over the exact bytes the provider sent.
 */
export function smsRoutes(deps: {
  sms: SmsChannel | null;
  gatewaySecret: string | null;
  clock: Clock;
  /** The demo's built-in SMSC: lets an administrator play a customer texting the bank. */
  simulator: SmscSimulator | null;
}) {
  const { sms, gatewaySecret, clock, simulator } = deps;
  return async (app: App) => {
    app.post(
      '/admin/sms/simulate-inbound',
      {
        schema: {
          tags: ['admin'],
          body: SmsSimulateInbound,
          response: { 200: Accepted, ...ErrorResponses },
        },
      },
      async (request) => {
        requirePermission(requireActor(request.actor), 'staff.manage');
        if (!simulator || !sms) throw new AppError('SMS_SIMULATOR_OFF', 404);
        const from = toE164(request.body.from, 'VN');
        if (!from) throw new AppError('SMS_PHONE_INVALID', 400);
        // Through the simulator's deliver_sm, exactly as a real SMSC would hand it over.
        const status = await simulator.sendMo({
          from,
          to: request.body.to ?? '8088',
          text: request.body.text,
        });
        return { outcome: status === 0 ? 'delivered' : `smpp_status_${status}` };
      },
    );

    app.get(
      '/admin/sms',
      {
        schema: {
          tags: ['admin'],
          querystring: SmsOutboxQuery,
          response: { 200: SmsOutboxList, ...ErrorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request.actor);
        if (!sms) return { items: [], nextBefore: null };
        return sms.listOutbox(actor, request.query);
      },
    );

    // Encapsulated: this raw-body JSON parser applies to the webhooks only.
    await app.register(async (hooks: App) => {
      hooks.removeContentTypeParser('application/json');
      hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        (request as unknown as { rawBody: string }).rawBody = body as string;
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new AppError('VALIDATION_FAILED', 400, 'body'), undefined);
        }
      });
      const verify = (request: { headers: Record<string, unknown> }) => {
        if (!sms || !gatewaySecret || sms.transport.kind !== 'http')
          throw new AppError('SMS_GATEWAY_DISABLED', 404);
        const header = request.headers[SIGNATURE_HEADER];
        const ok = verifySignature({
          secret: gatewaySecret,
          header: typeof header === 'string' ? header : undefined,
          body: (request as unknown as { rawBody?: string }).rawBody ?? '',
          nowSeconds: Math.floor(clock.now().getTime() / 1000),
        });
        if (!ok) throw new AppError('SMS_SIGNATURE_INVALID', 401);
        return sms;
      };
      hooks.post(
        '/sms/gateway/inbound',
        {
          schema: {
            tags: ['sms'],
            body: SmsGatewayInbound,
            response: { 200: Accepted, ...ErrorResponses },
          },
        },
        async (request) => {
          const channel = verify(request);
          const result = await channel.ingest({
            from: request.body.from,
            to: request.body.to,
            text: request.body.text,
            ref: `http:${request.body.id}`,
          });
          return { outcome: result.outcome };
        },
      );
      hooks.post(
        '/sms/gateway/reports',
        {
          schema: {
            tags: ['sms'],
            body: SmsGatewayReport,
            response: { 200: Accepted, ...ErrorResponses },
          },
        },
        async (request) => {
          const channel = verify(request);
          const outcome = await channel.applyReceipt({
            smscMessageId: request.body.id,
            stat: request.body.status === 'delivered' ? 'DELIVRD' : 'UNDELIV',
            wholeMessage: true,
          });
          return { outcome };
        },
      );
    });
  };
}
