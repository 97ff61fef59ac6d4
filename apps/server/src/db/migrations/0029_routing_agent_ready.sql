-- The agent lookup of a routing decision reads a few rows instead of every agent at the best
-- proficiency level (issue #3; decision 0010, "Since"; docs/performance.md § Routing).
--
-- 0028's lookup walked `routing_agent_skills_skill_idx` and probed the state and channel rows of
-- every agent at the best proficiency level (184 for chat_vi on the bench) to sort them by idle time,
-- and locked up to 25 agents even when 3 contacts were waiting. Here each skill row carries a copy of
-- its agent's availability and idle time (`available`, `idle_since`) and of the channels on which the
-- agent has room (`room`), kept by the triggers below in the statement that changes the agent's rows,
-- and the partial index `routing_agent_skills_ready_idx`
-- lists a skill's available agents by (proficiency desc, idle since, id): with one required skill the
-- lookup reads the index in order and stops at its limit (an agent with no room on the channel is
-- skipped by their skill row alone, one held by a rival router at its lock). With two, the skill rows
-- of available agents are joined and sorted by score and idle time without touching an agent's state
-- or channel rows, which are then probed in that order until the limit. `routing_decide` asks for as
-- many agents as the group's contacts can take (plus as many as one of them declined), not for the
-- batch's whole room.
--
-- The rules do not change: the state and channel rows are still read under `FOR UPDATE OF a, c SKIP
-- LOCKED` and still filter (`a.state = 'available'`, `c.load < c.capacity`), so a copy that is stale
-- in a statement's snapshot can only order, never admit, an agent (nor exclude one the snapshot's
-- own channel row would admit); the copies and the rows they copy
-- change in one statement, so within one snapshot they are equal. Ties in idle time are broken by the
-- agent's id. `routing.decide.int.test.ts` holds the function equal to `routing.order.ts` on random
-- queues; the limits are safe because a group of n contacts, none of which declined more than d
-- agents, takes its agents among the best n + d (the others it takes are re-queued ones or sticky
-- agents, which are looked up by id).
ALTER TABLE "routing_agent_skills" ADD COLUMN "available" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_agent_skills" ADD COLUMN "idle_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routing_agent_skills" ADD COLUMN "room" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "routing_agent_skills_ready_idx" ON "routing_agent_skills" USING btree ("skill_id","proficiency" DESC NULLS LAST,"idle_since","user_id") WHERE available;
--> statement-breakpoint
UPDATE routing_agent_skills s SET available = (a.state = 'available'), idle_since = a.idle_since
  FROM routing_agent_states a WHERE a.user_id = s.user_id;
--> statement-breakpoint
UPDATE routing_agent_skills s SET room = coalesce((SELECT array_agg(c.channel ORDER BY c.channel)
  FROM routing_agent_channels c WHERE c.user_id = s.user_id AND c.load < c.capacity), '{}');
--> statement-breakpoint
-- A new skill row copies its agent's rows (no state row yet: not available). Whoever replaces an agent's skills
-- locks the agent's state row first (`syncAgentSkills`), so the copy is current.
CREATE OR REPLACE FUNCTION routing_agent_skills_copy_state() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT a.state = 'available', a.idle_since INTO NEW.available, NEW.idle_since
    FROM routing_agent_states a WHERE a.user_id = NEW.user_id;
  IF NOT FOUND THEN
    NEW.available := false;
    NEW.idle_since := NULL;
  END IF;
  NEW.room := coalesce((SELECT array_agg(c.channel ORDER BY c.channel) FROM routing_agent_channels c
                         WHERE c.user_id = NEW.user_id AND c.load < c.capacity), '{}');
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER routing_agent_skills_copy_state BEFORE INSERT OR UPDATE OF user_id ON routing_agent_skills
  FOR EACH ROW EXECUTE FUNCTION routing_agent_skills_copy_state();
--> statement-breakpoint
-- A change of an agent's state or idle time reaches its skill rows in the same statement.
CREATE OR REPLACE FUNCTION routing_agent_states_copy_to_skills() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE routing_agent_skills SET available = false WHERE user_id = OLD.user_id;
    RETURN NULL;
  END IF;
  UPDATE routing_agent_skills SET available = (NEW.state = 'available'), idle_since = NEW.idle_since
   WHERE user_id = NEW.user_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER routing_agent_states_copy_on_insert AFTER INSERT OR DELETE ON routing_agent_states
  FOR EACH ROW EXECUTE FUNCTION routing_agent_states_copy_to_skills();
--> statement-breakpoint
CREATE TRIGGER routing_agent_states_copy_on_update AFTER UPDATE OF state, idle_since ON routing_agent_states
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.idle_since IS DISTINCT FROM NEW.idle_since)
  EXECUTE FUNCTION routing_agent_states_copy_to_skills();
--> statement-breakpoint
-- An agent's channel filling up or getting room again (or added, or removed) reaches their skill rows.
CREATE OR REPLACE FUNCTION routing_agent_channels_copy_to_skills() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  v_user uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
BEGIN
  UPDATE routing_agent_skills
     SET room = coalesce((SELECT array_agg(c.channel ORDER BY c.channel) FROM routing_agent_channels c
                           WHERE c.user_id = v_user AND c.load < c.capacity), '{}')
   WHERE user_id = v_user;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER routing_agent_channels_copy_on_insert AFTER INSERT OR DELETE ON routing_agent_channels
  FOR EACH ROW EXECUTE FUNCTION routing_agent_channels_copy_to_skills();
--> statement-breakpoint
CREATE TRIGGER routing_agent_channels_copy_on_update AFTER UPDATE OF load, capacity ON routing_agent_channels
  FOR EACH ROW WHEN ((OLD.load < OLD.capacity) IS DISTINCT FROM (NEW.load < NEW.capacity))
  EXECUTE FUNCTION routing_agent_channels_copy_to_skills();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION routing_lock_agents(p_channel text, p_skills jsonb, p_limit int, p_only uuid[])
RETURNS TABLE (o_user uuid, o_spare int, o_idle timestamptz, o_score int)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_ids uuid[];
  v_mins int[];
  k int;
  -- The first two required skills as plain values: a subscript in the statement hides them from
  -- the planner's estimates.
  v_skill1 uuid;
  v_min1 int;
  v_skill2 uuid;
  v_min2 int;
BEGIN
  IF p_limit <= 0 THEN
    RETURN;
  END IF;
  SELECT coalesce(array_agg(x."skillId" ORDER BY x.ord), '{}'),
         coalesce(array_agg(coalesce(x."minProficiency", 0) ORDER BY x.ord), '{}')
    INTO v_ids, v_mins
    FROM ROWS FROM (jsonb_to_recordset(p_skills) AS ("skillId" uuid, "minProficiency" int))
         WITH ORDINALITY AS x("skillId", "minProficiency", ord);
  k := cardinality(v_ids);
  v_skill1 := v_ids[1];
  v_min1 := v_mins[1];
  v_skill2 := v_ids[2];
  v_min2 := v_mins[2];

  IF p_only IS NOT NULL THEN
    -- Named agents (a contact's sticky agent): a handful, found by their ids, every required skill
    -- counted and summed.
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, r.score::int
      FROM routing_agent_states a
      JOIN routing_agent_channels c ON c.user_id = a.user_id AND c.channel = p_channel AND c.load < c.capacity
      CROSS JOIN LATERAL (
        SELECT count(*) AS n, coalesce(sum(s.proficiency), 0) AS score
          FROM unnest(v_ids, v_mins) AS q(skill, minimum)
          JOIN routing_agent_skills s ON s.user_id = a.user_id AND s.skill_id = q.skill AND s.proficiency >= q.minimum
      ) r
     WHERE a.user_id = ANY(p_only) AND a.state = 'available' AND r.n = k
     ORDER BY 4 DESC, a.idle_since ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  ELSIF k = 0 THEN
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, 0
      FROM routing_agent_states a
      JOIN routing_agent_channels c ON c.user_id = a.user_id AND c.channel = p_channel AND c.load < c.capacity
     WHERE a.state = 'available'
     ORDER BY a.idle_since ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  ELSIF k = 1 THEN
    -- The ready index in order: best proficiency, longest idle; it stops at the limit.
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, s0.proficiency::int
      FROM routing_agent_skills s0
      JOIN routing_agent_states a ON a.user_id = s0.user_id
      JOIN routing_agent_channels c ON c.user_id = s0.user_id AND c.channel = p_channel AND c.load < c.capacity
     WHERE s0.skill_id = v_skill1 AND s0.proficiency >= v_min1 AND s0.available AND p_channel = ANY(s0.room)
       AND a.state = 'available'
     ORDER BY s0.proficiency DESC NULLS LAST, s0.idle_since ASC, s0.user_id ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  ELSIF k = 2 THEN
    -- The available agents' skill rows only, ranked (the subquery is kept apart by OFFSET 0); their
    -- state and channel rows are probed in that order until the limit.
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, t.score
      FROM (
        SELECT s0.user_id, (s0.proficiency + s1.proficiency)::int AS score, s0.idle_since
          FROM routing_agent_skills s0
          JOIN routing_agent_skills s1 ON s1.user_id = s0.user_id AND s1.skill_id = v_skill2
           AND s1.proficiency >= v_min2
         WHERE s0.skill_id = v_skill1 AND s0.proficiency >= v_min1 AND s0.available AND p_channel = ANY(s0.room)
         ORDER BY 2 DESC, 3 ASC, 1 ASC
        OFFSET 0
      ) t
      JOIN routing_agent_states a ON a.user_id = t.user_id
      JOIN routing_agent_channels c ON c.user_id = t.user_id AND c.channel = p_channel AND c.load < c.capacity
     WHERE a.state = 'available'
     ORDER BY t.score DESC, t.idle_since ASC, t.user_id ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  ELSE
    -- Three skills or more: the first two as above, the others counted and summed per candidate.
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, (s0.proficiency + s1.proficiency + r.score)::int
      FROM routing_agent_skills s0
      JOIN routing_agent_skills s1 ON s1.user_id = s0.user_id AND s1.skill_id = v_skill2 AND s1.proficiency >= v_min2
      JOIN routing_agent_states a ON a.user_id = s0.user_id
      JOIN routing_agent_channels c ON c.user_id = s0.user_id AND c.channel = p_channel AND c.load < c.capacity
      CROSS JOIN LATERAL (
        SELECT count(*) AS n, coalesce(sum(s.proficiency), 0) AS score
          FROM unnest(v_ids[3:], v_mins[3:]) AS q(skill, minimum)
          JOIN routing_agent_skills s ON s.user_id = s0.user_id AND s.skill_id = q.skill AND s.proficiency >= q.minimum
      ) r
     WHERE s0.skill_id = v_skill1 AND s0.proficiency >= v_min1 AND a.state = 'available' AND r.n = k - 2
     ORDER BY 4 DESC, a.idle_since ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  END IF;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION routing_decide(
  p_queue uuid,
  p_max int,
  p_now timestamptz,
  p_per_level int,
  p_offered_type text,
  p_assigned_type text,
  p_notify_channel text
)
RETURNS TABLE (
  o_item uuid,
  o_agent uuid,
  o_ref uuid,
  o_kind text,
  o_queue uuid,
  o_channel text,
  o_auto_accepted boolean,
  o_expires_at timestamptz
)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  q record;
  -- Walked with FOREACH only: subscripting an array of rows seeks from its start every time.
  items routing_work_items[];
  n int;
  it routing_work_items;
  group_keys jsonb[] := '{}';
  group_key jsonb;
  g_channel text;
  g_skills jsonb;
  declined int;
  g_count int;
  sticky uuid[];
  missing uuid[];
  pool_ids uuid[];
  pool_scores int[];
  pool_spare int[];
  pool_idle timestamptz[];
  -- The matches, one element each: the contact (and what its event needs) and its agent.
  m_idx uuid[] := '{}';
  m_kind text[] := '{}';
  m_ref uuid[] := '{}';
  m_channel text[] := '{}';
  m_enqueued timestamptz[] := '{}';
  m_agents uuid[] := '{}';
  idx int;
  at int;
  a_id uuid;
  a_score int;
  a_spare int;
  v_expires timestamptz;
BEGIN
  -- Every statement of the decision (and of the agent lookup and the triggers it fires) with the
  -- plan the session keeps: under `auto`, the lookups' varying limits made PostgreSQL re-plan them on
  -- every call (a sixth of the backend's CPU; migration 0029). Until the end of this transaction,
  -- which is this one statement when called as `routeBatch` does.
  PERFORM set_config('plan_cache_mode', 'force_generic_plan', true);
  SELECT offer_timeout_seconds, auto_accept, aging_seconds INTO q FROM routing_queues WHERE id = p_queue;
  IF NOT FOUND THEN
    RETURN;
  END IF;

  -- The contacts: per priority level (highest first) the oldest `p_per_level` no rival router
  -- holds, in order of service (priority aged by waiting time, then arrival).
  WITH RECURSIVE levels(priority) AS (
    (SELECT priority FROM routing_work_items WHERE queue_id = p_queue AND status = 'waiting'
      ORDER BY priority DESC NULLS LAST LIMIT 1)
    UNION ALL
    SELECT (SELECT w.priority FROM routing_work_items w WHERE w.queue_id = p_queue AND w.status = 'waiting'
             AND w.priority < levels.priority ORDER BY w.priority DESC NULLS LAST LIMIT 1)
      FROM levels WHERE levels.priority IS NOT NULL
  )
  SELECT array_agg(c.t ORDER BY (c.t).priority
                     + floor(extract(epoch FROM (p_now - (c.t).enqueued_at)) / q.aging_seconds) DESC,
                   (c.t).enqueued_at)
    INTO items
    FROM levels
    CROSS JOIN LATERAL (
      SELECT t FROM routing_work_items t
       WHERE t.queue_id = p_queue AND t.status = 'waiting' AND t.priority = levels.priority
       ORDER BY t.enqueued_at LIMIT p_per_level
       FOR UPDATE SKIP LOCKED
    ) c
   WHERE levels.priority IS NOT NULL;
  n := coalesce(cardinality(items), 0);
  IF n = 0 THEN
    RETURN;
  END IF;

  -- Contacts of a queue share its skills, except those an overflow rule widened: one agent lookup
  -- per distinct requirement, in the order its first contact is served.
  FOREACH it IN ARRAY items LOOP
    group_key := jsonb_build_array(it.channel, it.required_skills);
    IF NOT group_key = ANY(group_keys) THEN
      group_keys := group_keys || group_key;
    END IF;
  END LOOP;

  FOREACH group_key IN ARRAY group_keys LOOP
    EXIT WHEN cardinality(m_idx) >= p_max;
    g_channel := group_key->>0;
    g_skills := group_key->1;
    declined := 0;
    g_count := 0;
    sticky := '{}';
    FOREACH it IN ARRAY items LOOP
      CONTINUE WHEN it.channel <> g_channel OR it.required_skills <> g_skills;
      g_count := g_count + 1;
      declined := greatest(declined, cardinality(it.declined_by));
      IF it.sticky_agent_id IS NOT NULL AND it.sticky_until > p_now
         AND NOT it.sticky_agent_id = ANY(sticky) THEN
        sticky := sticky || it.sticky_agent_id;
      END IF;
    END LOOP;

    SELECT coalesce(array_agg(l.o_user ORDER BY l.ord), '{}'), coalesce(array_agg(l.o_score ORDER BY l.ord), '{}'),
           coalesce(array_agg(l.o_spare ORDER BY l.ord), '{}'), coalesce(array_agg(l.o_idle ORDER BY l.ord), '{}')
      INTO pool_ids, pool_scores, pool_spare, pool_idle
      FROM routing_lock_agents(
             g_channel, g_skills,
             -- As many agents as this group's contacts can take, and as many more as one of them
             -- declined (migration 0029). Once an earlier group matched agents, some of those may be
             -- full: then as many as the batch has room for, as before.
             CASE WHEN cardinality(m_agents) = 0 THEN least(p_max, g_count) ELSE p_max - cardinality(m_idx) END
               + declined,
             NULL)
           WITH ORDINALITY AS l(o_user, o_spare, o_idle, o_score, ord);
    -- A contact's sticky agent (its last agent, for a while) is locked too when eligible.
    SELECT coalesce(array_agg(s), '{}') INTO missing FROM unnest(sticky) s WHERE NOT s = ANY(pool_ids);
    IF cardinality(missing) > 0 THEN
      SELECT coalesce(array_agg(p.u ORDER BY p.sc DESC, p.d ASC), '{}'),
             coalesce(array_agg(p.sc ORDER BY p.sc DESC, p.d ASC), '{}'),
             coalesce(array_agg(p.sp ORDER BY p.sc DESC, p.d ASC), '{}'),
             coalesce(array_agg(p.d ORDER BY p.sc DESC, p.d ASC), '{}')
        INTO pool_ids, pool_scores, pool_spare, pool_idle
        FROM (
          SELECT * FROM unnest(pool_ids, pool_scores, pool_spare, pool_idle)
          UNION ALL
          SELECT l.o_user, l.o_score, l.o_spare, l.o_idle
            FROM routing_lock_agents(g_channel, g_skills, cardinality(missing), missing) l
        ) AS p(u, sc, sp, d);
    END IF;

    -- An agent matched in an earlier group has fewer free places than its row says (the writes
    -- come at the end).
    IF cardinality(m_agents) > 0 THEN
      SELECT coalesce(array_agg(p.u ORDER BY p.ord), '{}'), coalesce(array_agg(p.sc ORDER BY p.ord), '{}'),
             coalesce(array_agg(p.left ORDER BY p.ord), '{}'), coalesce(array_agg(p.d ORDER BY p.ord), '{}')
        INTO pool_ids, pool_scores, pool_spare, pool_idle
        FROM (
          SELECT x.u, x.sc, x.d, x.ord, x.sp - (SELECT count(*) FROM unnest(m_agents) m WHERE m = x.u)::int AS left
            FROM unnest(pool_ids, pool_scores, pool_spare, pool_idle) WITH ORDINALITY AS x(u, sc, sp, d, ord)
        ) p
       WHERE p.left > 0;
    END IF;

    -- Match as `matchContacts`: the sticky agent when free, else the best-skilled, longest-idle
    -- agent who has not declined the contact; an agent who gets one ranks as just-busy (behind
    -- equal scores) and leaves once full. A contact nobody can take stops the group unless some
    -- agents declined it.
    FOREACH it IN ARRAY items LOOP
      EXIT WHEN cardinality(m_idx) >= p_max;
      CONTINUE WHEN it.channel <> g_channel OR it.required_skills <> g_skills;
      idx := NULL;
      IF it.sticky_agent_id IS NOT NULL AND it.sticky_until > p_now THEN
        idx := array_position(pool_ids, it.sticky_agent_id);
      END IF;
      IF idx IS NULL THEN
        FOR j IN 1..cardinality(pool_ids) LOOP
          IF NOT pool_ids[j] = ANY(it.declined_by) THEN
            idx := j;
            EXIT;
          END IF;
        END LOOP;
      END IF;
      IF idx IS NULL THEN
        EXIT WHEN cardinality(it.declined_by) = 0;
        CONTINUE;
      END IF;
      a_id := pool_ids[idx];
      a_score := pool_scores[idx];
      a_spare := pool_spare[idx] - 1;
      pool_ids := pool_ids[1:idx - 1] || pool_ids[idx + 1:];
      pool_scores := pool_scores[1:idx - 1] || pool_scores[idx + 1:];
      pool_spare := pool_spare[1:idx - 1] || pool_spare[idx + 1:];
      m_idx := m_idx || it.id;
      m_agents := m_agents || a_id;
      m_kind := m_kind || it.kind;
      m_ref := m_ref || it.ref_id;
      m_channel := m_channel || it.channel;
      m_enqueued := m_enqueued || it.enqueued_at;
      IF a_spare > 0 THEN
        at := cardinality(pool_ids) + 1;
        FOR j IN 1..cardinality(pool_ids) LOOP
          IF pool_scores[j] < a_score THEN
            at := j;
            EXIT;
          END IF;
        END LOOP;
        pool_ids := pool_ids[1:at - 1] || a_id || pool_ids[at:];
        pool_scores := pool_scores[1:at - 1] || a_score || pool_scores[at:];
        pool_spare := pool_spare[1:at - 1] || a_spare || pool_spare[at:];
      END IF;
    END LOOP;
  END LOOP;

  IF cardinality(m_idx) = 0 THEN
    RETURN;
  END IF;

  -- The writes, on rows this transaction already holds: the contacts, the agents' load, their idle
  -- time (offered agents rank as busy until they answer), and the events. Committed without
  -- waiting for the WAL flush (decision 0006).
  v_expires := p_now + make_interval(secs => q.offer_timeout_seconds);
  IF q.auto_accept THEN
    UPDATE routing_work_items w
       SET status = 'assigned', assigned_to = v.agent, assigned_at = p_now, offered_to = NULL,
           offer_expires_at = NULL, offer_count = w.offer_count + 1, version = w.version + 1
      FROM unnest(m_idx, m_agents) AS v(id, agent)
     WHERE w.id = v.id;
  ELSE
    UPDATE routing_work_items w
       SET status = 'offered', offered_to = v.agent, offer_expires_at = v_expires,
           offer_count = w.offer_count + 1, version = w.version + 1
      FROM unnest(m_idx, m_agents) AS v(id, agent)
     WHERE w.id = v.id;
  END IF;
  UPDATE routing_agent_channels c SET load = c.load + v.k
    FROM (SELECT x.agent, x.channel, count(*)::int AS k
            FROM unnest(m_agents, m_channel) AS x(agent, channel) GROUP BY 1, 2) AS v
   WHERE c.user_id = v.agent AND c.channel = v.channel;
  UPDATE routing_agent_states SET idle_since = p_now WHERE user_id = ANY(m_agents);
  INSERT INTO outbox (id, type, payload, actor_id, audience, created_at)
  SELECT gen_random_uuid(),
         CASE WHEN q.auto_accept THEN p_assigned_type ELSE p_offered_type END,
         jsonb_build_object(
           'itemId', v.id,
           'kind', v.kind,
           'refId', v.ref,
           'queueId', p_queue,
           'channel', v.channel,
           'agentId', v.agent,
           'enqueuedAt', to_char(v.enqueued AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'waitSeconds', greatest(0, extract(epoch FROM (p_now - v.enqueued)))::float8
         ) || CASE WHEN q.auto_accept THEN '{"reason": "auto_accept"}'::jsonb ELSE '{}'::jsonb END,
         NULL,
         jsonb_build_object('permissions', jsonb_build_array('supervisor.view'), 'users', jsonb_build_array(v.agent)),
         p_now
    FROM unnest(m_idx, m_agents, m_kind, m_ref, m_channel, m_enqueued) WITH ORDINALITY
         AS v(id, agent, kind, ref, channel, enqueued, ord)
   ORDER BY v.ord;
  PERFORM pg_notify(p_notify_channel, '');
  PERFORM set_config('synchronous_commit', 'off', true);

  RETURN QUERY
  SELECT v.id, v.agent, v.ref, v.kind, p_queue, v.channel, q.auto_accept,
         v_expires
    FROM unnest(m_idx, m_agents, m_kind, m_ref, m_channel) WITH ORDINALITY AS v(id, agent, kind, ref, channel, ord)
   ORDER BY v.ord;
END
$fn$;
--> statement-breakpoint
-- The ready copy changes with every state, idle-time and load change, and idle time is in the
-- index key (no HOT update): the table churns, so vacuum it at 2 % dead rows, not the default 20 %.
ALTER TABLE routing_agent_skills SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 500);
