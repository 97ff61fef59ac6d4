-- The agent lookup of a routing decision without `EXECUTE` (issue #3; decision 0010, "Since").
-- 0025's `routing_lock_agents` built one join per required skill and ran it with `EXECUTE`, so
-- PostgreSQL planned it on every call, inside the transaction that holds the contacts' locks:
-- about 2/3 of the call was planning. Here the requirement is read into arrays (skill ids,
-- minimum levels) and the lookup is one of five static statements: named agents (sticky), or by
-- the number of required skills (none; one, as three of the bench's four queues; two; three or
-- more). PL/pgSQL keeps their plans for the session. The first required skill drives the lookup
-- through `routing_agent_skills_skill_idx` (read backwards: highest proficiency first, so with one
-- skill the sort by score is incremental), the second is a join, any others are counted and summed
-- per candidate. Same rules as before and as `routing.order.ts#skillScore`:
-- every required skill at its minimum or more (a missing minimum is 0; a skill listed twice
-- counts twice), score = sum of the required skills' proficiencies, best score first, then
-- longest idle. Same signature, so `routing_decide` is unchanged.
--
-- Plans: under the default `plan_cache_mode = auto` a session plans each of these statements for
-- its values the first 5 times, then keeps one generic plan when it costs no more than those. On
-- the bench's data it does (checked with auto_explain and limits varying 1–25 as in a decision:
-- 5 custom plans, then the generic plan every time), and the generic plans have the shapes wanted
-- (the skill index, nested-loop probes of the agent's state and channel rows, stop at the limit).
-- The skills are passed to the statements as plain variables, not array subscripts, and the
-- sticky-agent lookup is a statement of its own: `($4 IS NULL OR user_id = ANY($4))` and `$11[1]`
-- made the generic plan's estimates wrong (a hash join over every agent and a full sort).
-- `SET plan_cache_mode = force_generic_plan` on the function would make that certain, but the SET
-- clause cost about 0.3–0.5 ms of CPU per call here, more than it could save.
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
    -- The skill index read backwards gives the best proficiency first: only the top levels' agents
    -- are sorted by idle time (incremental sort) until the limit is reached.
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, s0.proficiency::int
      FROM routing_agent_skills s0
      JOIN routing_agent_states a ON a.user_id = s0.user_id
      JOIN routing_agent_channels c ON c.user_id = s0.user_id AND c.channel = p_channel AND c.load < c.capacity
     WHERE s0.skill_id = v_skill1 AND s0.proficiency >= v_min1 AND a.state = 'available'
     ORDER BY s0.proficiency DESC, a.idle_since ASC
     LIMIT p_limit
       FOR UPDATE OF a, c SKIP LOCKED;
  ELSIF k = 2 THEN
    RETURN QUERY
    SELECT a.user_id, (c.capacity - c.load)::int, a.idle_since, (s0.proficiency + s1.proficiency)::int
      FROM routing_agent_skills s0
      JOIN routing_agent_skills s1 ON s1.user_id = s0.user_id AND s1.skill_id = v_skill2 AND s1.proficiency >= v_min2
      JOIN routing_agent_states a ON a.user_id = s0.user_id
      JOIN routing_agent_channels c ON c.user_id = s0.user_id AND c.channel = p_channel AND c.load < c.capacity
     WHERE s0.skill_id = v_skill1 AND s0.proficiency >= v_min1 AND a.state = 'available'
     ORDER BY 4 DESC, a.idle_since ASC
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
