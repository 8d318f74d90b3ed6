-- A small school for tests/pg/attack.sh, written by the trainer's login (over TLS): one
-- cohort, three trainees, assessments open, closed, not yet open and unpinned, each
-- trainee's seat PIN.
SET search_path = fibrelab;
INSERT INTO cohorts (uuid, name, created_at) VALUES ('c0000000-0000-4000-8000-000000000001', 'CAP 2025', now_ms());
INSERT INTO trainees (uuid, display_name, created_at) VALUES
    ('a1111111-0000-4000-8000-000000000001', 'Alice', now_ms()),
    ('b2222222-0000-4000-8000-000000000002', 'Bob', now_ms()),
    ('c3333333-0000-4000-8000-000000000003', NULL, now_ms());
INSERT INTO cohort_members (cohort_id, trainee_id, joined_at)
    SELECT c.id, t.id, now_ms() FROM cohorts c, trainees t;
-- open: per trainee, 2 attempts, 30 min; closed; opens tomorrow; open but not pinned.
INSERT INTO assessments (uuid, key, cohort_id, title, kind, opens_at, closes_at, time_limit_s,
                         attempts_allowed, seed_policy, base_seed, feedback, created_by, created_at)
SELECT v.uuid, v.key, c.id, v.title, 'final', v.opens, v.closes, 1800, 2, 'per_trainee',
       -1234567890123456789, 'none', 'trainer', now_ms()
  FROM cohorts c, (VALUES
    ('e0000000-0000-4000-8000-00000000000a', 'open-1', 'Open one', now_ms() - 3600000, now_ms() + 86400000),
    ('e0000000-0000-4000-8000-00000000000b', 'closed-1', 'Closed one', now_ms() - 7200000, now_ms() - 3600000),
    ('e0000000-0000-4000-8000-00000000000c', 'later-1', 'Later one', now_ms() + 86400000, NULL::bigint),
    ('e0000000-0000-4000-8000-00000000000d', 'unpinned-1', 'Unpinned one', NULL::bigint, NULL::bigint)
  ) AS v(uuid, key, title, opens, closes);
INSERT INTO assessment_items (assessment_id, position, scenario_id, scenario_hash, scenario_source)
SELECT a.id, 0, 'splice-basic',
       CASE WHEN a.key = 'unpinned-1' THEN NULL ELSE encode(sha256('(id: "splice-basic")'::bytea), 'hex') END,
       CASE WHEN a.key = 'unpinned-1' THEN NULL ELSE '(id: "splice-basic")' END
  FROM assessments a;
-- Assignment uuids: g-<assessment letter>-<trainee digit>.
INSERT INTO assignments (uuid, assessment_id, position, trainee_id, extra_time_s)
SELECT 'g' || right(a.uuid, 1) || right(t.uuid, 1) || '-0000-4000-8000-000000000000', a.id, 0, t.id,
       CASE WHEN t.display_name = 'Bob' THEN 600 ELSE 0 END
  FROM assessments a, trainees t;
SELECT set_seat_pin('a1111111-0000-4000-8000-000000000001', '1111');
SELECT set_seat_pin('b2222222-0000-4000-8000-000000000002', '2222');
SELECT set_seat_pin('c3333333-0000-4000-8000-000000000003', '3333');
