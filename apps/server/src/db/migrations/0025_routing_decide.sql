-- Routing decisions in one round trip (decision 0010). `routing_decide` does what
-- `routing.service.ts#routeBatch` did in five statements (BEGIN, lock contacts, lock agents, write,
-- COMMIT): it locks the queue's best waiting contacts and the best eligible agents (FOR UPDATE
-- SKIP LOCKED), matches them by the rules of `routing.order.ts#matchContacts` (the executable
-- specification; `routing.decide.int.test.ts` holds the two equal on random queues), writes the
-- offers, loads, idle times and their outbox events, and returns the offers. Called as one
-- autocommitted statement, so a decision is one round trip and one commit.

-- Locks up to `p_limit` eligible agents for contacts needing `p_skills` on `p_channel`, best first:
-- highest summed proficiency of the required skills, then longest idle. The joins are built per
-- requirement so the plan is driven by the skill index, as the statement it replaces was.
CREATE OR REPLACE FUNCTION routing_lock_agents(p_channel text, p_skills jsonb, p_limit int, p_only uuid[])
RETURNS TABLE (o_user uuid, o_spare int, o_idle timestamptz, o_score int)
LANGUAGE plpgsql AS $fn$
DECLARE
  joins text := '';
  score text := '0';
  ordering text := 'a.idle_since ASC';
  r record;
  i int := 0;
BEGIN
  IF p_limit <= 0 THEN
    RETURN;
  END IF;
  FOR r IN SELECT x."skillId" AS skill, x."minProficiency" AS minimum
             FROM jsonb_to_recordset(p_skills) AS x("skillId" uuid, "minProficiency" int)
  LOOP
    joins := joins || format(
      ' JOIN routing_agent_skills s%1$s ON s%1$s.user_id = a.user_id AND s%1$s.skill_id = %2$L'
      ' AND s%1$s.proficiency >= %3$s', i, r.skill, coalesce(r.minimum, 0));
    score := CASE WHEN i = 0 THEN '' ELSE score || ' + ' END || format('s%s.proficiency', i);
    i := i + 1;
  END LOOP;
  IF i > 0 THEN
    ordering := score || ' DESC, a.idle_since ASC';
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, (%s)::int
       FROM routing_agent_states a
       JOIN routing_agent_channels c ON c.user_id = a.user_id AND c.channel = $1 AND c.load < c.capacity
       %s
      WHERE a.state = ''available'' %s
      ORDER BY %s
      LIMIT $2
      FOR UPDATE OF a, c SKIP LOCKED',
    score, joins, CASE WHEN p_only IS NULL THEN '' ELSE 'AND a.user_id = ANY($3)' END, ordering)
  USING p_channel, p_limit, p_only;
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
    sticky := '{}';
    FOREACH it IN ARRAY items LOOP
      CONTINUE WHEN it.channel <> g_channel OR it.required_skills <> g_skills;
      declined := greatest(declined, cardinality(it.declined_by));
      IF it.sticky_agent_id IS NOT NULL AND it.sticky_until > p_now
         AND NOT it.sticky_agent_id = ANY(sticky) THEN
        sticky := sticky || it.sticky_agent_id;
      END IF;
    END LOOP;

    SELECT coalesce(array_agg(l.o_user ORDER BY l.ord), '{}'), coalesce(array_agg(l.o_score ORDER BY l.ord), '{}'),
           coalesce(array_agg(l.o_spare ORDER BY l.ord), '{}'), coalesce(array_agg(l.o_idle ORDER BY l.ord), '{}')
      INTO pool_ids, pool_scores, pool_spare, pool_idle
      FROM routing_lock_agents(g_channel, g_skills, p_max - cardinality(m_idx) + declined, NULL)
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
