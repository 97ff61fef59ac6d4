/**
 * The contact-center simulator (issue #3): drives a real Banyan over its HTTP and WebSocket APIs.
 * Customers arrive as a Poisson process per queue through the widget API and leave after an
 * exponential patience; simulated agents get their offers on the staff WebSocket, accept, hold
 * for an exponential handling time, wrap up and close with a contact reason. What is measured comes
 * from the server: an observer (supervisor) socket records every routing event, whose payloads
 * carry the server's enqueue time and the seconds since — the report never uses client timings
 * for waits. Time runs `speed` times faster than the simulated clock. Every wait is bounded.
 */
import { type ErlangResult, erlangA, erlangC } from '../../apps/server/src/modules/workforce/erlang.ts';
import {
  type BusyInterval,
  type ContactOutcome,
  createRandom,
  exponential,
  type SimulationStats,
  summarizeRun,
} from '../../apps/server/src/modules/workforce/workforce.simulation-stats.ts';
import {
  HttpError,
  openStaffSocket,
  request,
  type ServerEvent,
  type StaffSession,
  signIn,
  staffRequest,
} from './http.ts';
import { type Placed, placeSimulation, restoreSite, runPool, SIM_PASSWORD, type SimQueue } from './setup.ts';

export interface SimulationOptions {
  url: string;
  adminUsername: string;
  adminPassword: string;
  siteKey: string;
  queues: number;
  /** per queue */
  arrivalsPerHour: number;
  ahtSeconds: number;
  /** undefined: nobody abandons (Erlang C) */
  patienceSeconds?: number;
  /** per queue */
  agents: number;
  targetSeconds: number;
  /** measured contacts (all queues), after the warm-up */
  contacts: number;
  warmupContacts: number;
  speed: number;
  /** simulated seconds between an offer and the agent's accept */
  acceptSeconds: number;
  maxMinutes: number;
  seed: number;
  onProgress?: (p: Progress) => void;
  say?: (text: string) => void;
}

export interface Progress {
  launched: number;
  total: number;
  waiting: number;
  answered: number;
  abandoned: number;
}

interface ItemRecord {
  refId: string;
  queueId: string;
  queuedAtMs: number;
  assignedAtMs: number | null;
  endedAtMs: number | null;
  endReason: string | null;
  /** open offer: agent and server time of the offer */
  offer: { agentId: string; atMs: number } | null;
  /**
   * The wait the queueing model knows: from queued until the agent who got it came free (its
   * previous contact ended, server time), without the system's own latency after that moment.
   */
  modelWaitMs: number | null;
}

export interface QueueReport {
  queue: string;
  language: string;
  agents: number;
  /** chat slots of this queue's agents: the servers of the queueing model */
  servers: number;
  measured: SimulationStats;
  predicted: ErlangResult;
}

export interface SimulationReport {
  model: 'Erlang C' | 'Erlang A';
  parameters: Omit<SimulationOptions, 'onProgress' | 'say' | 'adminPassword'>;
  wallSeconds: number;
  stoppedBy: 'contacts' | 'max-minutes';
  /** Waits as the queueing model knows them: until the agent came free (system latency taken off). */
  total: SimulationStats;
  /** Waits as the server recorded them: queued → assigned, the system's own latency included. */
  totalAsServed: SimulationStats;
  predictedTotal: { serviceLevel: number; asa: number; pAbandon: number; occupancy: number };
  queues: QueueReport[];
  /** The system's own latency, real milliseconds (and simulated seconds at this speed). */
  latency: {
    /** server's offer → the agent's socket has it */
    offerPushMs: Percentiles;
    /** accept request round trip */
    acceptRoundTripMs: Percentiles;
    /** server's offer → server's assignment (push + accept delay + accept round trip) */
    offerToAnswerMs: Percentiles;
    /** an agent freed (routing.ended) while contacts waited in its queue → the next offer to it */
    freeToNextOfferMs: Percentiles;
    /** server busy time per contact (offer → end) ÷ the drawn handling time */
    holdRatio: number;
  };
  incidents: {
    agentsSentAway: number;
    acceptsGone: number;
    closesAfterCustomerLeft: number;
    errors: string[];
  };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  n: number;
}

function percentiles(values: number[]): Percentiles {
  if (values.length === 0)
    return { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, mean: Number.NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    n: values.length,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const isGone = (error: unknown) => error instanceof HttpError && [404, 409, 403].includes(error.status);

export async function runSimulation(o: SimulationOptions): Promise<SimulationReport> {
  const say = o.say ?? (() => undefined);
  const deadline = Date.now() + o.maxMinutes * 60_000;
  const realMs = (simSeconds: number) => (simSeconds * 1000) / o.speed;
  const errors: string[] = [];
  const noteError = (error: unknown) => {
    if (errors.length < 20) errors.push(error instanceof Error ? error.message : String(error));
  };

  // ---- set up ------------------------------------------------------------------------------
  const admin = await signIn(o.url, o.adminUsername, o.adminPassword);
  say(`setting up ${o.queues} queue(s) × ${o.agents} agents…`);
  const placed: Placed = await placeSimulation(o.url, admin, {
    queues: o.queues,
    agentsPerQueue: o.agents,
    siteKey: o.siteKey,
    onProgress: say,
  });
  const queueById = new Map(placed.queues.map((q) => [q.id, q]));
  const sessions: { session: StaffSession; queue: SimQueue }[] = [];
  const usernames = placed.queues.flatMap((q, i) =>
    (placed.agents[i] as string[]).map((username) => ({ username, queue: q })),
  );
  await runPool(usernames, 4, async ({ username, queue }) => {
    sessions.push({ session: await signIn(o.url, username, SIM_PASSWORD), queue });
    if (sessions.length % 10 === 0 || sessions.length === usernames.length)
      say(`agents signed in: ${sessions.length}/${usernames.length}`);
  });
  // Routing's copy of a new agent (state, channels) is made by an event handler: wait for it.
  await runPool(sessions, 4, async ({ session }) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const state = await staffRequest<{ channels: { channel: string }[] }>(
        o.url,
        session,
        '/api/v1/desk/state',
      );
      if (state.channels.some((c) => c.channel === 'chat')) return;
      await sleep(100);
    }
    throw new Error(`${session.username} has no chat channel in routing after 30 s`);
  });
  // One contact per agent, as the M/M/N model has it (the administrator's capacity API).
  await runPool(sessions, 4, ({ session }) =>
    staffRequest(o.url, admin, `/api/v1/supervisor/agents/${session.userId}/capacity`, {
      method: 'PUT',
      body: { channel: 'chat', capacity: 1 },
    }),
  );
  const observerSession = await signIn(o.url, placed.observer, SIM_PASSWORD);
  const reasons = await staffRequest<{ items: { id: string; isActive: boolean }[] }>(
    o.url,
    sessions[0]?.session as StaffSession,
    '/api/v1/contact-reasons',
  );
  const contactReasonId = reasons.items.find((r) => r.isActive)?.id;
  if (!contactReasonId) throw new Error('the server has no active contact reason to close with');

  // ---- the observer: every routing event of the simulated queues, in server time -------------
  const items = new Map<string, ItemRecord>();
  const byRef = new Map<string, ItemRecord>();
  const busy: (BusyInterval & { queueId: string })[] = [];
  const lastFreed = new Map<string, number>(); // agent → server time its last contact ended
  const freeToNextOffer: number[] = [];
  const offerToAnswer: number[] = [];
  const waitingPerQueue = new Map<string, number>();
  let meanGapMs = 0; // running mean of "agent free → next offer" while contacts wait
  let answeredCount = 0;
  let abandonedCount = 0;
  const serverMs = (p: { enqueuedAt: string; waitSeconds: number }) =>
    Date.parse(p.enqueuedAt) + p.waitSeconds * 1000;
  const onRoutingEvent = (event: ServerEvent) => {
    if (!event.type.startsWith('routing.') || !event.data) return;
    const p = event.data as {
      itemId: string;
      refId: string;
      queueId: string;
      agentId: string | null;
      enqueuedAt: string;
      waitSeconds: number;
      reason?: string;
    };
    if (!queueById.has(p.queueId)) return;
    let item = items.get(p.itemId);
    if (!item) {
      item = {
        refId: p.refId,
        queueId: p.queueId,
        queuedAtMs: Date.parse(p.enqueuedAt),
        assignedAtMs: null,
        endedAtMs: null,
        endReason: null,
        offer: null,
        modelWaitMs: null,
      };
      items.set(p.itemId, item);
      byRef.set(p.refId, item);
      waitingPerQueue.set(p.queueId, (waitingPerQueue.get(p.queueId) ?? 0) + 1);
    }
    const at = serverMs(p);
    const closeOffer = () => {
      if (item.offer) busy.push({ start: item.offer.atMs, end: at, queueId: item.queueId });
      item.offer = null;
    };
    switch (event.type) {
      case 'routing.offered': {
        item.offer = { agentId: p.agentId as string, atMs: at };
        const freed = lastFreed.get(p.agentId as string);
        item.modelWaitMs = Math.max(0, (freed ?? 0) - item.queuedAtMs);
        // Only when the contact was already waiting as the agent came free: the router's own delay.
        if (freed !== undefined && freed > item.queuedAtMs) {
          freeToNextOffer.push(at - freed);
          meanGapMs = meanGapMs === 0 ? at - freed : 0.98 * meanGapMs + 0.02 * (at - freed);
        }
        break;
      }
      case 'routing.assigned':
        if (item.assignedAtMs === null) {
          item.assignedAtMs = at;
          answeredCount++;
          waitingPerQueue.set(p.queueId, (waitingPerQueue.get(p.queueId) ?? 1) - 1);
          if (item.offer) offerToAnswer.push(at - item.offer.atMs);
        }
        break;
      case 'routing.rejected':
      case 'routing.offer_expired':
      case 'routing.requeued':
        closeOffer();
        break;
      case 'routing.ended':
        if (p.agentId) lastFreed.set(p.agentId, at);
        closeOffer();
        item.endedAtMs = at;
        item.endReason = p.reason ?? null;
        if (item.assignedAtMs === null) {
          waitingPerQueue.set(p.queueId, (waitingPerQueue.get(p.queueId) ?? 1) - 1);
          if (p.reason === 'abandoned') abandonedCount++;
        }
        break;
    }
  };
  const observerSocket = await openStaffSocket(o.url, observerSession, onRoutingEvent);

  // ---- agents --------------------------------------------------------------------------------
  const handleRandom = createRandom(o.seed + 1);
  const patienceRandom = createRandom(o.seed + 2);
  const offerPush: number[] = [];
  const acceptRoundTrip: number[] = [];
  const holdRatios: { drawn: number; held: number }[] = [];
  let closeRoundTripMs = 0; // running estimate, subtracted so the server holds the agent for the drawn time
  let agentsSentAway = 0;
  let acceptsGone = 0;
  let closesAfterCustomerLeft = 0;
  let running = true;
  const customers = new Map<string, { answered: boolean; timer: NodeJS.Timeout | null }>();
  const holds = new Set<{ wake: () => void }>();

  const handleOffer = async (
    session: StaffSession,
    p: { itemId: string; refId: string } & Record<string, unknown>,
    receivedAt: number,
  ) => {
    const offeredAt = serverMs(p as unknown as { enqueuedAt: string; waitSeconds: number });
    offerPush.push(receivedAt - offeredAt);
    const holdMs = realMs(exponential(handleRandom, o.ahtSeconds));
    if (o.acceptSeconds > 0) await sleep(realMs(o.acceptSeconds));
    const t0 = Date.now();
    try {
      await staffRequest(o.url, session, `/api/v1/desk/offers/${p.itemId}/accept`, { method: 'POST' });
    } catch (error) {
      if (isGone(error)) acceptsGone++;
      else noteError(error);
      return;
    }
    acceptRoundTrip.push(Date.now() - t0);
    const customer = customers.get(p.refId);
    if (customer) {
      customer.answered = true;
      if (customer.timer) clearTimeout(customer.timer);
    }
    // Hold so that the server's cycle per contact — offer → end, then end → next offer while
    // contacts wait — lasts the drawn handling time: the system's latency is taken off the hold.
    const closeAt = offeredAt + holdMs - closeRoundTripMs - meanGapMs;
    await new Promise<void>((resolve) => {
      const hold: { wake: () => void } = { wake: () => undefined };
      const timer = setTimeout(
        () => {
          holds.delete(hold);
          resolve();
        },
        Math.max(0, closeAt - Date.now()),
      );
      hold.wake = () => {
        clearTimeout(timer);
        holds.delete(hold);
        resolve();
      };
      holds.add(hold);
    });
    const t1 = Date.now();
    try {
      // The conversation follows the routing assignment a moment later (an event handler).
      for (let attempt = 0; ; attempt++) {
        try {
          await staffRequest(o.url, session, `/api/v1/conversations/${p.refId}/wrap-up`, { method: 'POST' });
          break;
        } catch (error) {
          if (!(error instanceof HttpError && error.status === 403 && attempt < 50)) throw error;
          await sleep(20);
        }
      }
      await staffRequest(o.url, session, `/api/v1/conversations/${p.refId}/close`, {
        method: 'POST',
        body: { contactReasonId },
      });
      const rtt = Date.now() - t1;
      closeRoundTripMs = closeRoundTripMs === 0 ? rtt : 0.95 * closeRoundTripMs + 0.05 * rtt;
      holdRatios.push({ drawn: holdMs, held: Date.now() - offeredAt });
    } catch (error) {
      if (isGone(error)) closesAfterCustomerLeft++;
      else noteError(error);
    }
  };

  const agentSockets = [];
  for (const { session } of sessions) {
    const socket = await openStaffSocket(o.url, session, (event, receivedAt) => {
      const data = event.data as {
        agentId?: string;
        userId?: string;
        state?: string;
        itemId: string;
        refId: string;
      };
      if (event.type === 'routing.offered' && data.agentId === session.userId) {
        handleOffer(session, data as never, receivedAt).catch(noteError);
      } else if (
        event.type === 'routing.agent_state_changed' &&
        data.userId === session.userId &&
        data.state !== 'available' &&
        running
      ) {
        agentsSentAway++;
        staffRequest(o.url, session, '/api/v1/desk/state', {
          method: 'PUT',
          body: { state: 'available' },
        }).catch(noteError);
      }
    });
    agentSockets.push(socket);
  }
  let servers = 0;
  const serversPerQueue = new Map<string, number>();
  await runPool(sessions, 4, async ({ session, queue }) => {
    const state = await staffRequest<{ channels: { channel: string; capacity: number; load: number }[] }>(
      o.url,
      session,
      '/api/v1/desk/state',
      { method: 'PUT', body: { state: 'available' } },
    );
    const chat = state.channels.find((c) => c.channel === 'chat');
    const capacity = chat?.capacity ?? 0;
    if (chat && chat.load > 0) say(`warning: ${session.username} already holds ${chat.load} chat(s)`);
    servers += capacity;
    serversPerQueue.set(queue.id, (serversPerQueue.get(queue.id) ?? 0) + capacity);
  });
  say(`${sessions.length} agents available (${servers} chat slots); customers start arriving`);

  // ---- customers -----------------------------------------------------------------------------
  const origin = new URL(o.url).origin;
  let addressIndex = 0;
  // Each customer speaks from its own loopback address, as real customers have their own: the widget
  // API limits requests per client address (120 a minute).
  const nextAddress = () => {
    addressIndex = (addressIndex % 250) + 1;
    return `127.0.${Math.floor(addressIndex / 250) + 1}.${addressIndex}`;
  };
  const widget = <T>(path: string, body: unknown, token?: string) => {
    const localAddress = nextAddress();
    return request<T>(o.url, `/api/v1/widget${path}`, {
      method: 'POST',
      body,
      localAddress,
      headers: { origin, ...(token ? { authorization: `Visitor ${token}` } : {}) },
    });
  };
  const total = o.contacts + o.warmupContacts;
  let launched = 0;
  let inFlight = 0;

  const customer = async (queue: SimQueue, n: number) => {
    inFlight++;
    try {
      const { visitorToken } = await widget<{ visitorToken: string }>('/sessions', {
        siteKey: o.siteKey,
        language: queue.language,
      });
      const { id } = await widget<{ id: string }>(
        '/conversations',
        { name: `Simulated customer ${n}`, language: queue.language },
        visitorToken,
      );
      const record = { answered: false, timer: null as NodeJS.Timeout | null };
      customers.set(id, record);
      if (byRef.get(id)?.assignedAtMs != null) record.answered = true;
      if (o.patienceSeconds !== undefined && !record.answered) {
        record.timer = setTimeout(
          () => {
            record.timer = null;
            if (record.answered || byRef.get(id)?.assignedAtMs != null) return;
            widget(`/conversations/${id}/leave`, undefined, visitorToken).catch((error) => {
              if (!isGone(error)) noteError(error);
            });
          },
          realMs(exponential(patienceRandom, o.patienceSeconds)),
        );
      }
    } catch (error) {
      noteError(error);
    } finally {
      inFlight--;
    }
  };

  const startedAt = Date.now();
  const arrivalRandoms = placed.queues.map((q) => createRandom(o.seed * 31 + q.index));
  const nextArrival = placed.queues.map((_, i) =>
    realMs(exponential(arrivalRandoms[i] as () => number, 3600 / o.arrivalsPerHour)),
  );
  const progress = setInterval(() => {
    o.onProgress?.({
      launched,
      total,
      waiting: [...waitingPerQueue.values()].reduce((s, v) => s + v, 0),
      answered: answeredCount,
      abandoned: abandonedCount,
    });
  }, 500);
  let stoppedBy: SimulationReport['stoppedBy'] = 'contacts';
  try {
    while (launched < total) {
      if (Date.now() > deadline) {
        stoppedBy = 'max-minutes';
        break;
      }
      let i = 0;
      for (let j = 1; j < nextArrival.length; j++)
        if ((nextArrival[j] as number) < (nextArrival[i] as number)) i = j;
      const due = startedAt + (nextArrival[i] as number);
      if (due > Date.now()) await sleep(due - Date.now());
      launched++;
      void customer(placed.queues[i] as SimQueue, launched);
      nextArrival[i] =
        (nextArrival[i] as number) +
        realMs(exponential(arrivalRandoms[i] as () => number, 3600 / o.arrivalsPerHour));
    }
    // Drain: until every contact is answered or abandoned (bounded by --max-minutes + 60 s).
    const drainDeadline = Math.min(deadline + 60_000, Date.now() + 10 * 60_000);
    while (Date.now() < drainDeadline) {
      const open = [...items.values()].filter(
        (it) => it.assignedAtMs === null && it.endedAtMs === null,
      ).length;
      if (inFlight === 0 && open === 0 && items.size >= launched - errors.length) break;
      await sleep(100);
    }
  } finally {
    running = false;
    clearInterval(progress);
  }
  const wallSeconds = (Date.now() - startedAt) / 1000;
  const lastArrivalMs = Math.max(...[...items.values()].map((it) => it.queuedAtMs));

  // ---- wind down: customers still waiting leave, agents close at once, then go offline ---------
  for (const c of customers.values()) if (c.timer) clearTimeout(c.timer);
  for (const hold of [...holds]) hold.wake();
  const windDown = Date.now() + 30_000;
  while (holds.size > 0 && Date.now() < windDown) await sleep(50);
  await runPool(sessions, 4, async ({ session }) => {
    await staffRequest(o.url, session, '/api/v1/desk/state', {
      method: 'PUT',
      body: { state: 'offline' },
    }).catch(noteError);
  });
  for (const socket of agentSockets) socket.close();
  observerSocket.close();
  await restoreSite(o.url, admin, placed).catch(noteError);

  // ---- figures -------------------------------------------------------------------------------
  // Contacts still held when the run stopped count as busy up to the last arrival.
  for (const it of items.values())
    if (it.offer) busy.push({ start: it.offer.atMs, end: lastArrivalMs, queueId: it.queueId });
  const t0 = Math.min(...[...items.values()].map((it) => it.queuedAtMs));
  const sim = (ms: number) => ((ms - t0) / 1000) * o.speed;
  const outcomes = (queueId?: string, asServed = false): ContactOutcome[] =>
    [...items.values()]
      .filter((it) => !queueId || it.queueId === queueId)
      .map((it) => ({
        queue: it.queueId,
        queuedAt: sim(it.queuedAtMs),
        waitSeconds:
          it.assignedAtMs === null
            ? null
            : ((asServed ? it.assignedAtMs - it.queuedAtMs : (it.modelWaitMs ?? 0)) / 1000) * o.speed,
        abandoned: it.assignedAtMs === null && it.endReason === 'abandoned',
      }));
  const busyOf = (queueId?: string) =>
    busy
      .filter((b) => !queueId || b.queueId === queueId)
      .map((b) => ({ start: sim(b.start), end: sim(Math.min(b.end, lastArrivalMs)) }));

  const predict = (agents: number): ErlangResult => {
    const base = {
      arrivalsPerHour: o.arrivalsPerHour,
      ahtSeconds: o.ahtSeconds,
      agents,
      targetSeconds: o.targetSeconds,
    };
    return o.patienceSeconds === undefined
      ? erlangC(base)
      : erlangA({ ...base, patienceSeconds: o.patienceSeconds });
  };
  // The warm-up is dropped per queue in proportion to its share of the contacts.
  const queues: QueueReport[] = placed.queues.map((q) => {
    const contacts = outcomes(q.id);
    const n = serversPerQueue.get(q.id) ?? 0;
    return {
      queue: q.code,
      language: q.language,
      agents: o.agents,
      servers: n,
      measured: summarizeRun({
        contacts,
        busy: busyOf(q.id),
        agents: n,
        targetSeconds: o.targetSeconds,
        warmupContacts: Math.round((o.warmupContacts * contacts.length) / Math.max(1, items.size)),
      }),
      predicted: predict(n),
    };
  });
  const totalOf = (asServed: boolean) =>
    summarizeRun({
      contacts: outcomes(undefined, asServed),
      busy: busyOf(),
      agents: servers,
      targetSeconds: o.targetSeconds,
      warmupContacts: o.warmupContacts,
    });
  const totalStats = totalOf(false);
  const asServedStats = totalOf(true);
  // Queues are equal (same λ, AHT and agents): the prediction of the whole is that of one queue.
  const weight = (f: (r: ErlangResult) => number) =>
    queues.reduce((s, q) => s + f(q.predicted), 0) / Math.max(1, queues.length);
  const held =
    holdRatios.reduce((s, h) => s + h.held, 0) /
    Math.max(
      1,
      holdRatios.reduce((s, h) => s + h.drawn, 0),
    );
  const { adminPassword: _omit, onProgress: _p, say: _s, ...parameters } = o;
  return {
    model: o.patienceSeconds === undefined ? 'Erlang C' : 'Erlang A',
    parameters,
    wallSeconds,
    stoppedBy,
    total: totalStats,
    totalAsServed: asServedStats,
    predictedTotal: {
      serviceLevel: weight((r) => r.serviceLevel),
      asa: weight((r) => r.asa),
      pAbandon: weight((r) => r.pAbandon),
      occupancy: weight((r) => r.occupancy),
    },
    queues,
    latency: {
      offerPushMs: percentiles(offerPush),
      acceptRoundTripMs: percentiles(acceptRoundTrip),
      offerToAnswerMs: percentiles(offerToAnswer),
      freeToNextOfferMs: percentiles(freeToNextOffer),
      holdRatio: held,
    },
    incidents: { agentsSentAway, acceptsGone, closesAfterCustomerLeft, errors },
  };
}
