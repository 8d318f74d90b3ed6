-- FibreLab on PostgreSQL: what a seat may do, as functions owned by the school.
--
-- Run by a superuser after the tables exist and roles.sql ran (see roles.sql), e.g.
--     psql -d fibrelab -v ON_ERROR_STOP=1 -f seat.sql
-- It may be run again (CREATE OR REPLACE); it has no psql meta-command, so FibreLab's setup
-- command runs the same text.
--
-- A seat's login (seat_room.sql) has no privilege on any table. It may call seven functions,
-- each SECURITY DEFINER (it runs with fibrelab_owner's rights) and each checking everything
-- itself before it writes anything:
--   fibrelab.seat_roster()                      the names the seat's picker shows
--   fibrelab.seat_assignments(p_trainee text, p_pin text)
--   fibrelab.seat_start(p_assignment text, p_pin text, p_program_version text)
--   fibrelab.seat_append(p_attempt text, p_seq bigint, p_at_ms bigint, p_action text)
--   fibrelab.seat_log(p_attempt text)           a crashed seat rebuilds its open attempt
--   fibrelab.seat_handover(p_attempt text, p_seq bigint, p_at_ms bigint, p_action text)
--                                               a seat that lost the server hands over
--                                               what it kept (see OFFLINE SEATS below)
--   fibrelab.seat_finish(p_attempt text, p_claimed_grade text)
-- The trainers' login may call fibrelab.set_seat_pin, fibrelab.base_seed_for,
-- fibrelab.seed_for, fibrelab.now_ms and fibrelab.offline_grace_ms. Tests (the owner only) may call
-- fibrelab.set_clock_offset.
--
-- REFUSALS. Every refusal raises an error whose SQLSTATE is one of the codes below and whose
-- message starts with the same code and a word (e.g. "FL001 time-up"); the DETAIL says more
-- in English. Each is written in fibrelab.audit_log (who = the seat's login, action
-- 'seat_refused', or 'pin_wrong' for a wrong PIN; the detail ends with the seat's address,
-- "(client 10.0.12.7)") through a connection of its own (dblink as fibrelab_audit), so that the error, which undoes the call, does not undo its audit line.
-- Where that connection cannot be made the refusal still happens and is written in the
-- server's log instead.
--   FL001 time-up          the server's clock is past the attempt's deadline (the extra time
--                          is in it; for a hand-over, or the finish of an attempt marked
--                          offline: past the deadline and OFFLINE_GRACE), or the action's
--                          own time is past the time limit
--   FL002 pin-wrong        wrong PIN (counted: see FL003)
--   FL003 pin-wait         too many wrong PINs in a row: FREE_TRIES (3) free, then a wait
--                          of 5 s doubling up to 60 s between tries, as FibreLab's pins.rs;
--                          the PIN was not tried (HINT: the seconds to wait); also when the
--                          try could not be counted first (the PIN is then not tried)
--   FL004 pin-not-set      the trainee has no seat PIN (a trainer sets it: set_seat_pin)
--   FL005 unknown          no such trainee, assignment or attempt (or archived, erased)
--   FL006 not-open         the assessment has not opened yet
--   FL007 closed           the assessment is closed (closed_at, or closes_at passed); for a
--                          hand-over: closed, and the attempt's deadline passed
--   FL008 no-attempts-left the attempts allowed are all used
--   FL009 not-pinned       the item's scenario is not pinned on the server: the trainer pins
--                          the items when creating the assessment on the server
--   FL010 other-seat       the attempt was started from another room's login (or an open
--                          attempt of this assignment runs from another room)
--   FL011 attempt-not-open the attempt is finished or closed
--   FL012 bad-seq          the action's number is not the next one
--   FL013 bad-time         the action's time is negative, earlier than the previous
--                          action's, or past the longest attempt (MAX_ATTEMPT_MS)
--   FL014 too-long         an action longer than 65536 bytes, a claimed grade longer than
--                          1048576 bytes, a program version longer than 100 characters, a
--                          trainee, assignment or attempt id longer than 64 bytes, a PIN
--                          longer than 12 (checked before anything is sent or written); an
--                          attempt that has 5000 actions already (max_actions)
--   FL015 no-key           the school's key is not on the server, or is not the key of the
--                          store (its fingerprint differs from the setting seal.key)
--   FL016 bad-input        a missing (NULL) argument, or a PIN that is not 4 to 12 digits
--                          (set_seat_pin)
--   FL017 too-fast         an append faster than a hand: more than 50 actions of one
--                          attempt in 1 s of the server's clock (not a hand-over)
--
-- SEALS. The server seals as FibreLab does (src/records/chain.rs, digest.rs): each attempt's Start and
-- End in the seals chain, each action's MAC chained through its attempt's log, each audit
-- line as a record. Whoever adds a seal takes `LOCK TABLE fibrelab.seals IN SHARE ROW
-- EXCLUSIVE MODE` first (FibreLab's Rust side must do the same), so that two writers never
-- number two seals alike. The seeds are kept in clear (no setting seal.seeds): no seat reads
-- a table.
--
-- WHAT IS ADDED to FibreLab's tables:
--   fibrelab.attempt_seats   one row per attempt started by a seat: its room's login, the
--                            client's address, when it started and finished, the grade the
--                            seat computed (kept, never trusted: the trainer's FibreLab
--                            replays the log and writes the official grade), and the
--                            offline mark (offline_from, offline_at, offline_actions).
--                            The trainers read it (the live tab of the room).
--   fibrelab_secret.*        the key, the seat PINs, the wrong-PIN counts, the clock offset
--                            for tests, the audit writer's connection (roles.sql).

SET ROLE fibrelab_owner;

CREATE TABLE IF NOT EXISTS fibrelab.attempt_seats (
    attempt_id    bigint PRIMARY KEY REFERENCES fibrelab.attempts (id),
    seat_role     text NOT NULL,
    client_addr   inet,
    started_at    bigint NOT NULL,
    finished_at   bigint,
    claimed_grade text
);
-- The offline mark (seat_handover): the first action handed over, when (the server's
-- clock), and how many actions came by hand-over. NULL, NULL, 0: the seat never lost the
-- server. Added to a table an earlier seat.sql made, too.
ALTER TABLE fibrelab.attempt_seats ADD COLUMN IF NOT EXISTS offline_from bigint;
ALTER TABLE fibrelab.attempt_seats ADD COLUMN IF NOT EXISTS offline_at bigint;
ALTER TABLE fibrelab.attempt_seats ADD COLUMN IF NOT EXISTS offline_actions bigint NOT NULL DEFAULT 0;

-- ---------------------------------------------------------------------------------------
-- The clock.

-- The server's clock in ms since 1970 (plus the test offset, 0 in a school). Every seat
-- function reads the time here and nowhere else.
CREATE OR REPLACE FUNCTION fibrelab.now_ms() RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint
           + coalesce((SELECT offset_ms FROM fibrelab_secret.clock), 0)
$$;

-- Test hook: shifts the server's clock seen by FibreLab's functions by p_ms. Executable by
-- the owner (and superusers) only: never granted to a trainer or a seat.
CREATE OR REPLACE FUNCTION fibrelab.set_clock_offset(p_ms bigint) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    UPDATE fibrelab_secret.clock SET offset_ms = coalesce(p_ms, 0)
$$;

-- OFFLINE_GRACE, the one place it is written: how long past an attempt's deadline (by the
-- server's clock) a seat that lost the server may still hand over the actions it kept and
-- hand the attempt in (seat_handover, seat_finish). 10 minutes: a room's switch or Wi-Fi
-- rebooting, a cable put back, a PC restarted and FibreLab reopened take a few minutes;
-- a trainee who played on to the very end of the limit must still find the server when it
-- comes back. Longer would give a cheater more thinking time (see seat_handover); a
-- network out for longer is the bundle's case (a trainer carries the attempt over).
-- The trainers may read it (a FibreLab test holds it to the Rust side's copy, if any).
CREATE OR REPLACE FUNCTION fibrelab.offline_grace_ms() RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT 600000::bigint
$$;

-- ---------------------------------------------------------------------------------------
-- The seat's work, out of the seat's transaction.
--
-- Every seat function does its work in a transaction of its own, never in the caller's: it
-- hands the call over through dblink to a connection of its own (one per seat connection,
-- made at its first call and kept: the named dblink connection 'fibrelab_seat', as the
-- audit writer fibrelab_audit) where the worker function (fibrelab_secret.w_seat_*) runs
-- and commits at once. So a seat that calls seat_start in a transaction and rolls it back
-- undoes nothing: the attempt, its number, its seal and its audit lines stay (no rehearsal
-- off the clock); and a seat's open transaction holds no lock at all (the seals' lock, a
-- row of attempts or assignments is taken and released by the worker within the call: no
-- seat waits on a classmate's open transaction). The worker is given the seat's login
-- (session_user) and address (inet_client_addr()), which the seat cannot choose; a refusal's
-- SQLSTATE, message, DETAIL and HINT reach the caller unchanged; the worker connection
-- lost or refused: an 08xxx error (the seat goes offline) and a new connection next call.

-- Who calls: the seat's login the worker was given, else the session's login.
CREATE OR REPLACE FUNCTION fibrelab_secret.who() RETURNS text
LANGUAGE sql STABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN session_user = 'fibrelab_audit'
                THEN coalesce(nullif(current_setting('fibrelab.who', true), ''), session_user)
                ELSE session_user END
$$;

-- The caller's address: the seat's that the worker was given, else the session's.
CREATE OR REPLACE FUNCTION fibrelab_secret.client_addr() RETURNS inet
LANGUAGE sql STABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN session_user = 'fibrelab_audit'
                THEN nullif(current_setting('fibrelab.addr', true), '')::inet
                ELSE inet_client_addr() END
$$;

-- In the worker: the seat's login and address for the rest of this transaction.
CREATE OR REPLACE FUNCTION fibrelab_secret.as_seat(p_who text, p_addr inet) RETURNS void
LANGUAGE sql VOLATILE SET search_path = fibrelab, pg_temp AS $$
    SELECT set_config('fibrelab.who', coalesce(p_who, ''), true),
           set_config('fibrelab.addr', coalesce(p_addr::text, ''), true);
$$;

-- Runs p_sql (one value of text) in the worker's transaction; the worker's error raised
-- here as it was (its SQLSTATE, message, DETAIL, HINT).
CREATE OR REPLACE FUNCTION fibrelab_secret.remote(p_sql text) RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_r text;
    v_state text;
    v_msg text;
    v_detail text;
    v_hint text;
BEGIN
    IF NOT coalesce('fibrelab_seat' = ANY (fibrelab_secret.dblink_get_connections()), false) THEN
        PERFORM fibrelab_secret.dblink_connect('fibrelab_seat',
                                               (SELECT conninfo FROM fibrelab_secret.audit_link));
        PERFORM fibrelab_secret.dblink_exec('fibrelab_seat',
            'SET lock_timeout = 5000; SET statement_timeout = 25000');
    END IF;
    BEGIN
        SELECT t.r INTO v_r FROM fibrelab_secret.dblink('fibrelab_seat', p_sql) AS t(r text);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT,
                                v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
        IF v_state LIKE '08%' THEN
            BEGIN
                PERFORM fibrelab_secret.dblink_disconnect('fibrelab_seat');
            EXCEPTION WHEN OTHERS THEN
                NULL;
            END;
        END IF;
        RAISE EXCEPTION USING ERRCODE = v_state, MESSAGE = v_msg,
            DETAIL = coalesce(v_detail, ''), HINT = coalesce(v_hint, '');
    END;
    RETURN v_r;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Formulas of the Rust side, byte for byte (src/records/seal.rs, assess.rs, chain.rs, digest.rs).

-- HMAC-SHA-256 of a text (UTF-8) under a key, in hex: SchoolKey::mac.
CREATE OR REPLACE FUNCTION fibrelab_secret.mac(p_key bytea, p_message text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT encode(fibrelab_secret.hmac(convert_to(p_message, 'UTF8'), p_key, 'sha256'), 'hex')
$$;

-- SHA-256 of a text (UTF-8), in hex.
CREATE OR REPLACE FUNCTION fibrelab_secret.sha256_hex(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT encode(sha256(convert_to(p_text, 'UTF8')), 'hex')
$$;

-- The first 8 bytes of a hash as a little-endian u64, kept as a signed bigint (two's
-- complement, as the SQLite store keeps a u64): seed_of.
CREATE OR REPLACE FUNCTION fibrelab_secret.u64_le(p_bytes bytea) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT ('x' || string_agg(encode(substring(p_bytes FROM i FOR 1), 'hex'), '' ORDER BY i DESC))
               ::bit(64)::bigint
      FROM generate_series(1, 8) AS i
$$;

-- A u64 kept as a signed bigint, written as Rust's `{}` writes the u64 (unsigned decimal).
CREATE OR REPLACE FUNCTION fibrelab_secret.u64_text(p_value bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN p_value < 0 THEN (p_value::numeric + 18446744073709551616)::text
                ELSE p_value::text END
$$;

-- A JSON value as serde_json writes it: a string (same escaping: \" \\ \b \f \n \r \t,
-- other control characters as \u00xx, everything else as is), an integer, or null.
CREATE OR REPLACE FUNCTION fibrelab_secret.js(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN p_text IS NULL THEN 'null' ELSE to_json(p_text)::text END
$$;
CREATE OR REPLACE FUNCTION fibrelab_secret.jn(p_value bigint) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT coalesce(p_value::text, 'null')
$$;
-- An f64 as its bits (f64::to_bits, a u64), or null.
CREATE OR REPLACE FUNCTION fibrelab_secret.jbits(p_value double precision) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN p_value IS NULL THEN 'null'
                ELSE fibrelab_secret.u64_text(('x' || encode(float8send(p_value), 'hex'))::bit(64)::bigint)
           END
$$;

-- The seed of a trainee's attempt at an item (assess.rs seed_for): the base seed itself
-- for a first attempt of a `fixed` assessment, else the first 8 bytes (little-endian) of
-- SHA-256 of "base|key|position|..." by the policy. A retry is always a new draw.
CREATE OR REPLACE FUNCTION fibrelab.seed_for(p_policy text, p_base_seed bigint, p_key text,
                                             p_position bigint, p_trainee_uuid text,
                                             p_attempt_no bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE
        WHEN p_policy = 'fixed' AND p_attempt_no <= 1 THEN p_base_seed
        ELSE fibrelab_secret.u64_le(sha256(convert_to(CASE
            WHEN p_policy = 'fixed' THEN
                format('%s|%s|%s|retry|%s', fibrelab_secret.u64_text(p_base_seed), p_key,
                       p_position, p_attempt_no)
            WHEN p_policy = 'per_trainee' AND p_attempt_no <= 1 THEN
                format('%s|%s|%s|%s', fibrelab_secret.u64_text(p_base_seed), p_key, p_position,
                       p_trainee_uuid)
            ELSE
                format('%s|%s|%s|%s|%s', fibrelab_secret.u64_text(p_base_seed), p_key,
                       p_position, p_trainee_uuid, p_attempt_no)
            END, 'UTF8')))
    END
$$;

-- The fingerprint of a key as the store's setting seal.key keeps it (SchoolKey::fingerprint).
CREATE OR REPLACE FUNCTION fibrelab_secret.fingerprint(p_key bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT left(encode(sha256(convert_to('fibrelab school key fingerprint ', 'UTF8') || p_key), 'hex'), 16)
$$;

-- The school's key, or NULL when it is not on the server or is not the store's key.
CREATE OR REPLACE FUNCTION fibrelab_secret.key_or_null() RETURNS bytea
LANGUAGE sql STABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT k.bytes FROM fibrelab_secret.school_key k
     WHERE NOT EXISTS (SELECT 1 FROM fibrelab.settings s
                        WHERE s.key = 'seal.key' AND s.value <> fibrelab_secret.fingerprint(k.bytes))
$$;

-- The base seed of an assessment made without one in its file (Db::base_seed_for): the
-- first 8 bytes of HMAC(key, "fibrelab assessment base seed <id>"). For the trainers.
CREATE OR REPLACE FUNCTION fibrelab.base_seed_for(p_assessment_key text) RETURNS bigint
LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.u64_le(fibrelab_secret.hmac(
               convert_to('fibrelab assessment base seed ' || p_assessment_key, 'UTF8'),
               (SELECT bytes FROM fibrelab_secret.school_key), 'sha256'))
$$;

-- SHA-256 over an attempt's actions (number, time, server time, byte length, text) and its
-- files' hashes (digest.rs log_digest).
CREATE OR REPLACE FUNCTION fibrelab_secret.log_digest(p_attempt_id bigint) RETURNS text
LANGUAGE sql STABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.sha256_hex(
        coalesce((SELECT string_agg(format('%s|%s|%s|%s', x.seq, x.at_ms, x.recorded_at,
                                           octet_length(x.action))
                                    || E'\n' || x.action || E'\n', '' ORDER BY x.seq)
                    FROM fibrelab.actions x WHERE x.attempt_id = p_attempt_id), '')
        || coalesce((SELECT string_agg(format(E'file|%s|%s\n', f.name, f.sha256), ''
                                       ORDER BY f.name COLLATE "C")
                       FROM fibrelab.attempt_files f WHERE f.attempt_id = p_attempt_id), ''))
$$;

-- The digest of an attempt's record (digest.rs attempt_digest): at its start (p_end false)
-- what it is and who made it; at its end all that, how it ended, its grade and its log.
-- A JSON object with its keys in serde_json's order (sorted), compact.
CREATE OR REPLACE FUNCTION fibrelab_secret.attempt_digest(p_attempt_id bigint, p_end boolean)
RETURNS text
LANGUAGE plpgsql STABLE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    r record;
    j text;
BEGIN
    SELECT a.uuid, a.scenario_id, a.scenario_hash, a.seed, a.trainee, a.started_at,
           coalesce(a.origin, '') AS origin, coalesce(t.uuid, '') AS trainee_uuid,
           coalesce(g.uuid, '') AS assignment, a.time_limit_ms, a.status, a.finished_at,
           a.score, a.passed, a.grade_json, coalesce(a.ended_by, '') AS ended_by,
           a.program_version, coalesce(a.scenario_path, '') AS file
      INTO r
      FROM fibrelab.attempts a
      LEFT JOIN fibrelab.trainees t ON t.id = a.trainee_id
      LEFT JOIN fibrelab.assignments g ON g.id = a.assignment_id
     WHERE a.id = p_attempt_id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT p_end THEN
        j := '{"assignment":' || fibrelab_secret.js(r.assignment)
          || ',"file":' || fibrelab_secret.js(r.file)
          || ',"hash":' || fibrelab_secret.js(r.scenario_hash)
          || ',"limit_ms":' || fibrelab_secret.jn(r.time_limit_ms)
          || ',"origin":' || fibrelab_secret.js(r.origin)
          || ',"scenario":' || fibrelab_secret.js(r.scenario_id)
          || ',"seed":' || fibrelab_secret.jn(r.seed)
          || ',"started_at":' || fibrelab_secret.jn(r.started_at)
          || ',"uuid":' || fibrelab_secret.js(r.uuid)
          || ',"version":' || fibrelab_secret.js(r.program_version)
          || ',"who":' || fibrelab_secret.js(r.trainee || '|' || r.trainee_uuid)
          || '}';
    ELSE
        j := '{"assignment":' || fibrelab_secret.js(r.assignment)
          || ',"ended_by":' || fibrelab_secret.js(r.ended_by)
          || ',"file":' || fibrelab_secret.js(r.file)
          || ',"finished_at":' || fibrelab_secret.jn(r.finished_at)
          || ',"grade":' || fibrelab_secret.js(r.grade_json)
          || ',"hash":' || fibrelab_secret.js(r.scenario_hash)
          || ',"limit_ms":' || fibrelab_secret.jn(r.time_limit_ms)
          || ',"log":' || fibrelab_secret.js(fibrelab_secret.log_digest(p_attempt_id))
          || ',"origin":' || fibrelab_secret.js(r.origin)
          || ',"passed":' || fibrelab_secret.jn(r.passed)
          || ',"scenario":' || fibrelab_secret.js(r.scenario_id)
          || ',"score":' || fibrelab_secret.jbits(r.score)
          || ',"seed":' || fibrelab_secret.jn(r.seed)
          || ',"started_at":' || fibrelab_secret.jn(r.started_at)
          || ',"status":' || fibrelab_secret.js(r.status)
          || ',"uuid":' || fibrelab_secret.js(r.uuid)
          || ',"version":' || fibrelab_secret.js(r.program_version)
          || ',"who":' || fibrelab_secret.js(r.trainee || '|' || r.trainee_uuid)
          || '}';
    END IF;
    RETURN fibrelab_secret.sha256_hex(j);
END
$$;

-- The MAC of one action, chained on the previous action's (chain.rs action_mac): the first
-- 32 hex digits of HMAC(key, "fibrelab-action-v1|uuid|seq|at|recorded|bytes|text|prev").
CREATE OR REPLACE FUNCTION fibrelab_secret.action_mac(p_key bytea, p_attempt_uuid text,
                                                      p_seq bigint, p_at_ms bigint,
                                                      p_recorded_at bigint, p_text text,
                                                      p_prev text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT left(fibrelab_secret.mac(p_key,
               format('fibrelab-action-v1|%s|%s|%s|%s|%s|%s|%s', p_attempt_uuid, p_seq, p_at_ms,
                      p_recorded_at, octet_length(p_text), p_text, p_prev)), 32)
$$;

-- Adds a seal to the chain (chain.rs seal): seal n carries
-- HMAC(key, "fibrelab-seal-v1|n|subject|kind|digest|mac of seal n-1"). Writes the key's
-- fingerprint as the setting seal.key on a store that has none. The caller has checked
-- the key (key_or_null) before writing anything.
CREATE OR REPLACE FUNCTION fibrelab_secret.seal(p_subject text, p_kind text, p_digest text)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    k bytea;
    n bigint;
    prev text;
BEGIN
    LOCK TABLE fibrelab.seals IN SHARE ROW EXCLUSIVE MODE;
    k := fibrelab_secret.key_or_null();
    IF k IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'FL015', MESSAGE = 'FL015 no-key',
            DETAIL = 'the school''s key is not on the server, or is not the key of this store';
    END IF;
    INSERT INTO fibrelab.settings (key, value) VALUES ('seal.key', fibrelab_secret.fingerprint(k))
        ON CONFLICT (key) DO NOTHING;
    SELECT s.seq, s.mac INTO n, prev FROM fibrelab.seals s ORDER BY s.seq DESC LIMIT 1;
    n := coalesce(n, 0) + 1;
    prev := coalesce(prev, '');
    INSERT INTO fibrelab.seals (seq, subject, kind, digest, mac)
    VALUES (n, p_subject, p_kind, p_digest,
            fibrelab_secret.mac(k, format('fibrelab-seal-v1|%s|%s|%s|%s|%s', n, p_subject, p_kind,
                                          p_digest, prev)));
END
$$;

-- ---------------------------------------------------------------------------------------
-- The audit log and the refusals.

-- The digest of an audit line as FibreLab seals it (chain.rs AUDIT and values_digest):
-- SHA-256 of the JSON array [id, at, who, action, target, detail].
CREATE OR REPLACE FUNCTION fibrelab_secret.audit_digest(p_id bigint) RETURNS text
LANGUAGE sql STABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.sha256_hex('[' || l.id || ',' || l.at || ',' || fibrelab_secret.js(l.who)
               || ',' || fibrelab_secret.js(l.action) || ',' || fibrelab_secret.js(l.target) || ','
               || fibrelab_secret.js(l.detail) || ']')
      FROM fibrelab.audit_log l WHERE l.id = p_id
$$;

-- Writes a line of the audit log and seals it as FibreLab seals an audit record (chain.rs
-- AUDIT: SHA-256 of the JSON array [id, at, who, action, target, detail]); without the
-- key the line is written unsealed. p_pin_trainee: a wrong PIN of that trainee, counted.
-- Called by the seat functions through dblink as fibrelab_audit (a transaction of its
-- own), and by set_seat_pin directly.
CREATE OR REPLACE FUNCTION fibrelab_secret.audit_write(p_who text, p_action text, p_target text,
                                                       p_detail text, p_pin_trainee bigint)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_id bigint;
    v_at bigint := fibrelab.now_ms();
BEGIN
    INSERT INTO fibrelab.audit_log (at, who, action, target, detail)
    VALUES (v_at, coalesce(p_who, '?'), coalesce(p_action, '?'), p_target, p_detail)
    RETURNING id INTO v_id;
    IF fibrelab_secret.key_or_null() IS NOT NULL THEN
        PERFORM fibrelab_secret.seal('audit/' || v_id, 'audit', fibrelab_secret.audit_digest(v_id));
    END IF;
    IF p_pin_trainee IS NOT NULL THEN
        INSERT INTO fibrelab_secret.pin_state (trainee_id, failures, last_at)
        VALUES (p_pin_trainee, 1, v_at)
        ON CONFLICT (trainee_id) DO UPDATE
            SET failures = fibrelab_secret.pin_state.failures + 1, last_at = excluded.last_at;
    END IF;
END
$$;

-- Refuses: writes the refusal in the audit log in a transaction of its own (dblink), then
-- raises p_code. Must be called before the calling function writes or locks anything the
-- audit writer needs (the seals), which every seat function does: checks first, writes
-- after.
CREATE OR REPLACE FUNCTION fibrelab_secret.refuse(p_code text, p_word text, p_target text,
                                                  p_detail text,
                                                  p_pin_trainee bigint DEFAULT NULL,
                                                  p_hint text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_link text;
    v_action text := CASE WHEN p_code = 'FL002' THEN 'pin_wrong' ELSE 'seat_refused' END;
    v_detail text := p_code || ' ' || p_word || ': ' || coalesce(p_detail, '')
                     || coalesce(' (client ' || host(fibrelab_secret.client_addr()) || ')', '');
    v_target text := left(p_target, 100);
BEGIN
    BEGIN
        SELECT conninfo INTO v_link FROM fibrelab_secret.audit_link;
        IF v_link IS NULL THEN
            RAISE EXCEPTION 'fibrelab_secret.audit_link is empty (run roles.sql)';
        END IF;
        PERFORM fibrelab_secret.dblink_exec(v_link, format(
            'SET lock_timeout = 5000; SELECT fibrelab_secret.audit_write(%L, %L, %L, %L, %s)',
            fibrelab_secret.who(), v_action, v_target, v_detail,
            coalesce(p_pin_trainee::text, 'NULL')));
    EXCEPTION WHEN OTHERS THEN
        RAISE LOG 'fibrelab: refusal not written in audit_log (%): who=% action=% target=% detail=%',
            SQLERRM, fibrelab_secret.who(), v_action, v_target, v_detail;
    END;
    IF p_hint IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_code || ' ' || p_word,
            DETAIL = coalesce(p_detail, '');
    END IF;
    RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_code || ' ' || p_word,
        DETAIL = coalesce(p_detail, ''), HINT = p_hint;
END
$$;

-- Arguments a seat must give.
CREATE OR REPLACE FUNCTION fibrelab_secret.need(p_ok boolean, p_what text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
BEGIN
    IF p_ok IS NOT TRUE THEN
        PERFORM fibrelab_secret.refuse('FL016', 'bad-input', NULL, p_what);
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------
-- The seat PINs.

-- The wait before the next try after p_failures wrong PINs in a row, in ms (pins.rs
-- wait_ms: FREE_TRIES = 3, FIRST_WAIT_S = 5 doubling, MAX_WAIT_S = 60).
CREATE OR REPLACE FUNCTION fibrelab_secret.pin_wait_ms(p_failures integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT SET search_path = fibrelab, pg_temp AS $$
    SELECT CASE WHEN p_failures < 3 THEN 0
                ELSE least(5::bigint << least(p_failures - 3, 16), 60) * 1000 END
$$;

-- Counts a try of a trainee's PIN BEFORE it is checked, in a transaction of its own (called
-- through dblink as the audit writer, so that nothing the checking call does or undoes
-- touches the count; no seal, no lock but the trainee's row): the wait in ms left before
-- a try is allowed (nothing counted), or 0 (counted: failures + 1, last_at now). A right
-- PIN then puts the count back to 0 (pin_ok).
CREATE OR REPLACE FUNCTION fibrelab_secret.pin_try(p_trainee_id bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_now bigint := fibrelab.now_ms();
    v_failures integer;
    v_last bigint;
    v_wait bigint;
BEGIN
    INSERT INTO fibrelab_secret.pin_state (trainee_id, failures, last_at)
    VALUES (p_trainee_id, 0, v_now) ON CONFLICT (trainee_id) DO NOTHING;
    SELECT failures, last_at INTO v_failures, v_last
      FROM fibrelab_secret.pin_state WHERE trainee_id = p_trainee_id FOR UPDATE;
    v_wait := fibrelab_secret.pin_wait_ms(v_failures);
    IF v_wait > 0 AND v_now < v_last + v_wait THEN
        RETURN v_last + v_wait - v_now;
    END IF;
    UPDATE fibrelab_secret.pin_state SET failures = failures + 1, last_at = v_now
     WHERE trainee_id = p_trainee_id;
    RETURN 0;
END
$$;

-- A right PIN: the trainee's count back to 0 (through dblink, as pin_try).
CREATE OR REPLACE FUNCTION fibrelab_secret.pin_ok(p_trainee_id bigint) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    UPDATE fibrelab_secret.pin_state SET failures = 0 WHERE trainee_id = p_trainee_id
$$;

-- Checks a trainee's seat PIN; refuses (FL002, FL003, FL004) otherwise. FAILS CLOSED: the try
-- is counted first, in a transaction of its own (pin_try through the audit writer's
-- connection); where it cannot be counted (the connection refused, full, or slow), the
-- PIN is not checked (FL003). So a wrong PIN is counted whatever happens after (its audit
-- line not written, the call undone).
CREATE OR REPLACE FUNCTION fibrelab_secret.check_pin(p_trainee_id bigint, p_trainee_uuid text,
                                                     p_pin text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_crypt text;
    v_link text;
    v_wait bigint;
    v_failures integer;
BEGIN
    SELECT crypt INTO v_crypt FROM fibrelab_secret.seat_pins WHERE trainee_id = p_trainee_id;
    IF v_crypt IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL004', 'pin-not-set', 'trainee:' || p_trainee_uuid,
            'this trainee has no seat PIN: a trainer sets it (fibrelab.set_seat_pin)');
    END IF;
    BEGIN
        SELECT conninfo INTO v_link FROM fibrelab_secret.audit_link;
        SELECT t.w INTO v_wait FROM fibrelab_secret.dblink(v_link, format(
            'SET lock_timeout = 5000; SET statement_timeout = 10000; SELECT fibrelab_secret.pin_try(%s)',
            p_trainee_id)) AS t(w bigint);
    EXCEPTION WHEN OTHERS THEN
        RAISE LOG 'fibrelab: a PIN try of trainee % not counted (%): not checked', p_trainee_id, SQLERRM;
        v_wait := NULL;
    END;
    IF v_wait IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL003', 'pin-wait', 'trainee:' || p_trainee_uuid,
            'the try could not be counted: the PIN was not tried', NULL, '5');
    END IF;
    IF v_wait > 0 THEN
        SELECT failures INTO v_failures FROM fibrelab_secret.pin_state WHERE trainee_id = p_trainee_id;
        PERFORM fibrelab_secret.refuse('FL003', 'pin-wait', 'trainee:' || p_trainee_uuid,
            format('%s wrong PINs in a row: the next try in %s s', v_failures, ceil(v_wait / 1000.0)),
            NULL, ceil(v_wait / 1000.0)::text);
    END IF;
    IF p_pin IS NULL
       OR fibrelab_secret.crypt(regexp_replace(p_pin, '^\s+|\s+$', '', 'g'), v_crypt) <> v_crypt THEN
        SELECT failures INTO v_failures FROM fibrelab_secret.pin_state WHERE trainee_id = p_trainee_id;
        PERFORM fibrelab_secret.refuse('FL002', 'pin-wrong', 'trainee:' || p_trainee_uuid,
            format('wrong PIN (%s in a row)', v_failures));
    END IF;
    -- Right: the count back to 0 (its own transaction too: the call may still be refused).
    BEGIN
        PERFORM fibrelab_secret.dblink_exec(v_link, format(
            'SET lock_timeout = 5000; SELECT fibrelab_secret.pin_ok(%s)', p_trainee_id));
    EXCEPTION WHEN OTHERS THEN
        RAISE LOG 'fibrelab: the PIN count of trainee % not reset (%)', p_trainee_id, SQLERRM;
    END;
END
$$;

-- For the trainers: sets a trainee's seat PIN (4 to 12 digits, as FibreLab's PINs), stored
-- as bcrypt (cost 10); their wrong tries are forgotten. p_trainee: the trainee's uuid.
CREATE OR REPLACE FUNCTION fibrelab.set_seat_pin(p_trainee text, p_pin text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_id bigint;
    v_pin text := regexp_replace(coalesce(p_pin, ''), '^\s+|\s+$', '', 'g');
BEGIN
    SELECT t.id INTO v_id FROM fibrelab.trainees t WHERE t.uuid = p_trainee AND t.erased_at IS NULL;
    IF v_id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_trainee, 'no such trainee');
    END IF;
    IF v_pin !~ '^[0-9]{4,12}$' THEN
        PERFORM fibrelab_secret.refuse('FL016', 'bad-input', 'trainee:' || p_trainee,
            'a PIN has 4 to 12 digits');
    END IF;
    INSERT INTO fibrelab_secret.seat_pins (trainee_id, crypt, set_at, set_by)
    VALUES (v_id, fibrelab_secret.crypt(v_pin, fibrelab_secret.gen_salt('bf', 10)),
            fibrelab.now_ms(), fibrelab_secret.who())
    ON CONFLICT (trainee_id) DO UPDATE
        SET crypt = excluded.crypt, set_at = excluded.set_at, set_by = excluded.set_by;
    DELETE FROM fibrelab_secret.pin_state WHERE trainee_id = v_id;
    PERFORM fibrelab_secret.audit_write(fibrelab_secret.who(), 'seat_pin_set', 'trainee:' || p_trainee,
                                        NULL, NULL);
END
$$;

-- The most actions one attempt may have (appended and handed over): 5000. FibreLab's
-- src/limits.rs has no such limit; a whole exercise takes a few hundred.
CREATE OR REPLACE FUNCTION fibrelab_secret.max_actions() RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS $$
    SELECT 5000::bigint
$$;

-- A seat's text argument capped before anything is sent, written or quoted (FL014): ids
-- (trainee, assignment, attempt) 64 bytes, a PIN 12, a program version 100 characters, an
-- action 65536 bytes, a claimed grade 1048576 bytes. The refusal names the argument, not
-- its value.
CREATE OR REPLACE FUNCTION fibrelab_secret.cap(p_value text, p_max integer, p_what text)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
BEGIN
    IF octet_length(p_value) > p_max THEN
        PERFORM fibrelab_secret.refuse('FL014', 'too-long', NULL,
            format('%s of %s bytes (%s at most)', p_what, octet_length(p_value), p_max));
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------
-- The seat functions.

-- A trainee's assignments not closed yet (open, or to open later), after their PIN: each
-- with its assessment, its item, the attempts used and allowed, the window, the time
-- limit and the trainee's extra time (s), the server's clock, and the uuid of an attempt
-- of theirs still open for it (NULL if none), which seat_start resumes from the same
-- room's login only. No seed, no scenario: seat_start gives those.
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_assignments(p_who text, p_addr inet, p_trainee text, p_pin text)
RETURNS TABLE (assignment text, assessment_key text, title text, "position" bigint,
               scenario_id text, attempts_used bigint, attempts_allowed bigint,
               opens_at bigint, closes_at bigint, time_limit_s bigint, extra_time_s bigint,
               server_now bigint, open_attempt text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_trainee fibrelab.trainees%ROWTYPE;
    v_now bigint;
BEGIN
    PERFORM fibrelab_secret.as_seat(p_who, p_addr);
    PERFORM fibrelab_secret.need(p_trainee IS NOT NULL, 'p_trainee is NULL');
    SELECT * INTO v_trainee FROM fibrelab.trainees t
     WHERE t.uuid = p_trainee AND t.archived_at IS NULL AND t.erased_at IS NULL;
    IF v_trainee.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_trainee, 'no such trainee');
    END IF;
    PERFORM fibrelab_secret.check_pin(v_trainee.id, v_trainee.uuid, p_pin);
    v_now := fibrelab.now_ms();
    RETURN QUERY
    SELECT g.uuid, a.key, a.title, g.position, i.scenario_id,
           (SELECT count(*) FROM fibrelab.attempts x WHERE x.assignment_id = g.id),
           a.attempts_allowed, a.opens_at, a.closes_at, a.time_limit_s, g.extra_time_s, v_now,
           (SELECT x.uuid FROM fibrelab.attempts x WHERE x.assignment_id = g.id
              AND x.status = 'open' ORDER BY x.id DESC LIMIT 1)
      FROM fibrelab.assignments g
      JOIN fibrelab.assessments a ON a.id = g.assessment_id
      JOIN fibrelab.assessment_items i ON i.assessment_id = g.assessment_id
                                      AND i.position = g.position
     WHERE g.trainee_id = v_trainee.id
       AND a.closed_at IS NULL AND (a.closes_at IS NULL OR v_now < a.closes_at)
     ORDER BY a.opens_at NULLS FIRST, a.key, g.position;
END
$$;

-- Starts (or resumes) the attempt of an assignment, after the trainee's PIN: inside the
-- assessment's window, within the attempts allowed, on the item's pinned scenario, with the
-- seed the school's key draws (seed_for, attempt number = attempts so far + 1), under the
-- time limit plus the trainee's extra time, sealed (Start) as FibreLab seals it.
-- An attempt of this assignment still open is returned again (resumed = true) instead of
-- starting a second one, but only to the room's login that started it (FL010 otherwise).
-- Returns the attempt's uuid and only what the exercise needs.
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_start(p_who text, p_addr inet, p_assignment text, p_pin text,
                                               p_program_version text)
RETURNS TABLE (attempt text, seed bigint, scenario_id text, scenario_source text,
               scenario_hash text, time_limit_ms bigint, deadline_at bigint, started_at bigint,
               resumed boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_g fibrelab.assignments%ROWTYPE;
    v_a fibrelab.assessments%ROWTYPE;
    v_t fibrelab.trainees%ROWTYPE;
    v_i fibrelab.assessment_items%ROWTYPE;
    v_open fibrelab.attempts%ROWTYPE;
    v_seat text;
    v_now bigint;
    v_used bigint;
    v_seed bigint;
    v_limit bigint;
    v_id bigint;
    v_uuid text;
BEGIN
    PERFORM fibrelab_secret.as_seat(p_who, p_addr);
    PERFORM fibrelab_secret.need(p_assignment IS NOT NULL, 'p_assignment is NULL');
    PERFORM fibrelab_secret.need(p_program_version IS NOT NULL, 'p_program_version is NULL');
    IF length(p_program_version) > 100 THEN
        PERFORM fibrelab_secret.refuse('FL014', 'too-long', p_assignment,
            'program version longer than 100 characters');
    END IF;
    -- One start at a time per assignment.
    SELECT * INTO v_g FROM fibrelab.assignments g WHERE g.uuid = p_assignment FOR UPDATE;
    IF v_g.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_assignment, 'no such assignment');
    END IF;
    SELECT * INTO v_t FROM fibrelab.trainees t
     WHERE t.id = v_g.trainee_id AND t.archived_at IS NULL AND t.erased_at IS NULL;
    IF v_t.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_assignment,
            'the assignment''s trainee is archived or erased');
    END IF;
    PERFORM fibrelab_secret.check_pin(v_t.id, v_t.uuid, p_pin);
    v_now := fibrelab.now_ms();

    -- An attempt still open: resumed by the room that started it, nobody else.
    SELECT * INTO v_open FROM fibrelab.attempts x
     WHERE x.assignment_id = v_g.id AND x.status = 'open' ORDER BY x.id DESC LIMIT 1;
    IF v_open.id IS NOT NULL THEN
        SELECT s.seat_role INTO v_seat FROM fibrelab.attempt_seats s WHERE s.attempt_id = v_open.id;
        IF v_seat IS DISTINCT FROM fibrelab_secret.who() THEN
            PERFORM fibrelab_secret.refuse('FL010', 'other-seat', v_open.uuid,
                format('an attempt of this assignment is open from %s',
                       coalesce(v_seat, 'the trainer''s FibreLab')));
        END IF;
        RETURN QUERY SELECT v_open.uuid, v_open.seed, v_open.scenario_id, v_open.scenario_source,
                            v_open.scenario_hash, v_open.time_limit_ms, v_open.deadline_at,
                            v_open.started_at, true;
        RETURN;
    END IF;

    SELECT * INTO v_a FROM fibrelab.assessments a WHERE a.id = v_g.assessment_id;
    IF v_a.closed_at IS NOT NULL OR (v_a.closes_at IS NOT NULL AND v_now >= v_a.closes_at) THEN
        PERFORM fibrelab_secret.refuse('FL007', 'closed', p_assignment,
            format('assessment %s is closed', v_a.key));
    END IF;
    IF v_a.opens_at IS NOT NULL AND v_now < v_a.opens_at THEN
        PERFORM fibrelab_secret.refuse('FL006', 'not-open', p_assignment,
            format('assessment %s opens at %s', v_a.key, v_a.opens_at), NULL, v_a.opens_at::text);
    END IF;
    SELECT count(*) INTO v_used FROM fibrelab.attempts x WHERE x.assignment_id = v_g.id;
    IF v_used >= v_a.attempts_allowed THEN
        PERFORM fibrelab_secret.refuse('FL008', 'no-attempts-left', p_assignment,
            format('%s attempts allowed, %s used', v_a.attempts_allowed, v_used));
    END IF;
    SELECT * INTO v_i FROM fibrelab.assessment_items i
     WHERE i.assessment_id = v_a.id AND i.position = v_g.position;
    IF v_i.scenario_source IS NULL OR v_i.scenario_hash IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL009', 'not-pinned', p_assignment,
            format('item %s of assessment %s is not pinned on the server: the trainer pins the items when creating the assessment on the server',
                   v_g.position, v_a.key));
    END IF;
    IF fibrelab_secret.key_or_null() IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL015', 'no-key', p_assignment,
            'the school''s key is not on the server, or is not the key of this store');
    END IF;

    -- Everything checked: the attempt.
    v_seed := fibrelab.seed_for(v_a.seed_policy, v_a.base_seed, v_a.key, v_g.position, v_t.uuid,
                                v_used + 1);
    v_limit := CASE WHEN v_a.time_limit_s IS NULL THEN NULL
                    ELSE greatest(v_a.time_limit_s + v_g.extra_time_s, 0) * 1000 END;
    v_uuid := gen_random_uuid()::text;
    INSERT INTO fibrelab.attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                                   started_at, status, program_version, uuid, origin, trainee_id,
                                   assignment_id, time_limit_ms, deadline_at, scenario_path)
    VALUES (v_i.scenario_id, v_i.scenario_hash, v_i.scenario_source, v_seed,
            coalesce(v_t.display_name, v_t.uuid), v_now, 'open', p_program_version, v_uuid, 'app',
            v_t.id, v_g.id, v_limit, v_now + v_limit, NULL)
    RETURNING id INTO v_id;
    INSERT INTO fibrelab.attempt_seats (attempt_id, seat_role, client_addr, started_at)
    VALUES (v_id, fibrelab_secret.who(), fibrelab_secret.client_addr(), v_now);
    PERFORM fibrelab_secret.seal(v_uuid, 'start', fibrelab_secret.attempt_digest(v_id, false));
    RETURN QUERY SELECT v_uuid, v_seed, v_i.scenario_id, v_i.scenario_source, v_i.scenario_hash,
                        v_limit, v_now + v_limit, v_now, false;
END
$$;

-- Adds one action to an attempt (seat_append, seat_handover): every check first (each
-- refusal before anything is written or locked but the attempt's row), then the action,
-- stamped with the server's clock, its MAC chained on the previous action's (chain.rs
-- action_mac). p_handover: the seat lost the server and hands over what it kept (see
-- seat_handover): also accepted in the offline grace past the deadline, and marked.
CREATE OR REPLACE FUNCTION fibrelab_secret.add_action(p_attempt text, p_seq bigint,
                                                      p_at_ms bigint, p_action text,
                                                      p_handover boolean) RETURNS bigint
LANGUAGE plpgsql VOLATILE SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_x fibrelab.attempts%ROWTYPE;
    v_s fibrelab.attempt_seats%ROWTYPE;
    v_a fibrelab.assessments%ROWTYPE;
    v_now bigint;
    v_next bigint;
    v_last_at bigint;
    v_prev text;
    v_key bytea;
BEGIN
    PERFORM fibrelab_secret.need(p_attempt IS NOT NULL AND p_seq IS NOT NULL
                                 AND p_at_ms IS NOT NULL AND p_action IS NOT NULL,
                                 'an argument is NULL');
    IF octet_length(p_action) > 65536 THEN
        PERFORM fibrelab_secret.refuse('FL014', 'too-long', p_attempt,
            format('action of %s bytes (65536 at most)', octet_length(p_action)));
    END IF;
    -- One append at a time per attempt.
    SELECT * INTO v_x FROM fibrelab.attempts x WHERE x.uuid = p_attempt FOR UPDATE;
    IF v_x.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_attempt, 'no such attempt');
    END IF;
    SELECT * INTO v_s FROM fibrelab.attempt_seats s WHERE s.attempt_id = v_x.id;
    IF v_s.seat_role IS DISTINCT FROM fibrelab_secret.who() THEN
        PERFORM fibrelab_secret.refuse('FL010', 'other-seat', p_attempt,
            'this attempt was not started from this login');
    END IF;
    IF v_x.status <> 'open' THEN
        PERFORM fibrelab_secret.refuse('FL011', 'attempt-not-open', p_attempt,
            format('the attempt is %s', v_x.status));
    END IF;
    v_now := fibrelab.now_ms();
    IF v_x.deadline_at IS NOT NULL AND v_now > v_x.deadline_at THEN
        IF NOT p_handover THEN
            PERFORM fibrelab_secret.refuse('FL001', 'time-up', p_attempt,
                format('server clock %s past the deadline %s', v_now, v_x.deadline_at));
        END IF;
        IF v_now > v_x.deadline_at + fibrelab.offline_grace_ms() THEN
            PERFORM fibrelab_secret.refuse('FL001', 'time-up', p_attempt,
                format('hand-over at server clock %s, past the deadline %s and the offline grace of %s ms',
                       v_now, v_x.deadline_at, fibrelab.offline_grace_ms()));
        END IF;
        -- In the grace, only while the assessment is open.
        SELECT a.* INTO v_a FROM fibrelab.assessments a
          JOIN fibrelab.assignments g ON g.assessment_id = a.id
         WHERE g.id = v_x.assignment_id;
        IF v_a.closed_at IS NOT NULL OR (v_a.closes_at IS NOT NULL AND v_now >= v_a.closes_at) THEN
            PERFORM fibrelab_secret.refuse('FL007', 'closed', p_attempt,
                format('hand-over past the deadline %s: assessment %s is closed',
                       v_x.deadline_at, v_a.key));
        END IF;
    END IF;
    SELECT y.seq + 1, y.at_ms, y.mac INTO v_next, v_last_at, v_prev FROM fibrelab.actions y
     WHERE y.attempt_id = v_x.id ORDER BY y.seq DESC LIMIT 1;
    IF p_seq <> coalesce(v_next, 0) THEN
        PERFORM fibrelab_secret.refuse('FL012', 'bad-seq', p_attempt,
            format('action %s given, %s expected', p_seq, coalesce(v_next, 0)));
    END IF;
    IF coalesce(v_next, 0) >= fibrelab_secret.max_actions() THEN
        PERFORM fibrelab_secret.refuse('FL014', 'too-long', p_attempt,
            format('attempt of %s actions already (%s at most)', v_next, fibrelab_secret.max_actions()));
    END IF;
    -- Faster than a hand (appends only: a seat back from offline hands over what it kept
    -- as fast as it can): the action 50 before this one recorded less than 1 s ago.
    IF NOT p_handover AND v_next >= 50 AND EXISTS (
        SELECT 1 FROM fibrelab.actions y
         WHERE y.attempt_id = v_x.id AND y.seq = v_next - 50 AND y.recorded_at > v_now - 1000) THEN
        PERFORM fibrelab_secret.refuse('FL017', 'too-fast', p_attempt,
            format('more than 50 actions in 1 s of the server''s clock (action %s)', p_seq));
    END IF;
    IF p_at_ms < coalesce(v_last_at, 0) OR p_at_ms > 36000000000 THEN
        PERFORM fibrelab_secret.refuse('FL013', 'bad-time', p_attempt,
            format('action time %s ms after %s ms', p_at_ms, coalesce(v_last_at, 0)));
    END IF;
    IF v_x.time_limit_ms IS NOT NULL AND p_at_ms > v_x.time_limit_ms THEN
        PERFORM fibrelab_secret.refuse('FL001', 'time-up', p_attempt,
            format('action time %s ms past the limit %s ms', p_at_ms, v_x.time_limit_ms));
    END IF;
    v_key := fibrelab_secret.key_or_null();
    IF v_key IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL015', 'no-key', p_attempt,
            'the school''s key is not on the server, or is not the key of this store');
    END IF;
    -- Everything checked: the action.
    INSERT INTO fibrelab.actions (attempt_id, seq, at_ms, recorded_at, action, mac)
    VALUES (v_x.id, p_seq, p_at_ms, v_now, p_action,
            fibrelab_secret.action_mac(v_key, coalesce(v_x.uuid, ''), p_seq, p_at_ms, v_now,
                                       p_action, coalesce(v_prev, '')));
    IF p_handover THEN
        UPDATE fibrelab.attempt_seats
           SET offline_from = coalesce(offline_from, p_seq),
               offline_at = coalesce(offline_at, v_now),
               offline_actions = offline_actions + 1
         WHERE attempt_id = v_x.id;
        -- Once per attempt: its first hand-over (the count is in attempt_seats).
        IF v_s.offline_from IS NULL THEN
            PERFORM fibrelab_secret.audit_write(fibrelab_secret.who(), 'seat_offline', p_attempt,
                format('actions handed over from action %s on, server clock %s, deadline %s%s',
                       p_seq, v_now, coalesce(v_x.deadline_at::text, 'none'),
                       coalesce(' (client ' || host(fibrelab_secret.client_addr()) || ')', '')), NULL);
        END IF;
    END IF;
    RETURN v_now;
END
$$;

-- Appends one action to an attempt started from this room's login: the next number, a
-- time (ms since the attempt started, by the seat's exercise clock) not earlier than the
-- previous action's nor past the time limit, before the deadline by the server's clock,
-- at most 65536 bytes. Stamped with the server's clock (returned), its MAC chained on the
-- previous action's (chain.rs action_mac).
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_append(p_who text, p_addr inet, p_attempt text, p_seq bigint, p_at_ms bigint,
                                                p_action text) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.as_seat(p_who, p_addr);
    SELECT fibrelab_secret.add_action(p_attempt, p_seq, p_at_ms, p_action, false)
$$;

-- OFFLINE SEATS. A seat that lost the server (network down, server restarted) keeps the
-- exercise going on its own and keeps the actions it could not send; when the server is
-- back it hands them over, one call each, in order, with seat_handover, then hands the
-- attempt in with seat_finish. A hand-over is checked as an append is (this room's
-- login, the attempt open, the next number, a time not earlier than the previous one and
-- not past the time limit) and stamped with the server's clock, never the seat's; but it is
-- ALSO accepted when the server's clock is past the attempt's deadline, up to
-- fibrelab.offline_grace_ms() (OFFLINE_GRACE, 10 min) past it, as long as the assessment
-- is not closed (FL007; past the grace: FL001). The attempt is then marked offline in
-- fibrelab.attempt_seats (offline_from: the first action handed over, offline_at: when,
-- offline_actions: how many), and its first hand-over is written once in the audit log
-- ('seat_offline'). A seat that is only late, and hands nothing over, is refused at its
-- deadline as before (seat_append: FL001).
--
-- WHAT A CHEATING TRAINEE GAINS BY PULLING THE CABLE (or by a tampered seat calling
-- seat_handover while online: the server cannot tell the two apart, and need not): at most
-- OFFLINE_GRACE of wall-clock time past the deadline to think and act, never more time on
-- the record: every action's own time (at_ms, the seat's exercise clock) is still held to
-- the time limit, each number comes once and in order, the server's clock stamps each
-- hand-over, and the attempt is finished at its deadline. Rehearsing on a local copy of
-- the exercise before answering gains nothing new: a tampered seat holds the seed and the
-- scenario anyway, online or not. And the trainer sees it: the offline mark, the count
-- and the time of the first hand-over in attempt_seats (the room's live tab), the
-- 'seat_offline' line in the audit log, recorded_at past the deadline on the actions
-- handed over, and ended_by 'offline' when the attempt was handed in past its deadline.
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_handover(p_who text, p_addr inet, p_attempt text, p_seq bigint, p_at_ms bigint,
                                                  p_action text) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.as_seat(p_who, p_addr);
    SELECT fibrelab_secret.add_action(p_attempt, p_seq, p_at_ms, p_action, true)
$$;

-- The log of an attempt, in order: each action's number, time and text, for a seat that
-- crashed (FibreLab killed, PC restarted) to rebuild the exercise from the server's record
-- (seat_start gives the seed and the scenario again: resumed = true) and go on with the
-- next number. Only to the room's login that started the attempt (FL010), only while it
-- is open (FL011): a finished attempt's log is the trainer's (under a `fixed` seed it
-- would show a classmate's gestures on the same exercise). Within a room, as for
-- seat_append and seat_finish, the attempt's uuid is the key: it is given only by
-- seat_start and seat_assignments, each after the trainee's PIN.
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_log(p_who text, p_addr inet, p_attempt text)
RETURNS TABLE (seq bigint, at_ms bigint, action text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_x fibrelab.attempts%ROWTYPE;
    v_seat text;
BEGIN
    PERFORM fibrelab_secret.as_seat(p_who, p_addr);
    PERFORM fibrelab_secret.need(p_attempt IS NOT NULL, 'p_attempt is NULL');
    -- Not while an append to it is under way: the log read is whole.
    SELECT * INTO v_x FROM fibrelab.attempts x WHERE x.uuid = p_attempt FOR SHARE;
    IF v_x.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_attempt, 'no such attempt');
    END IF;
    SELECT s.seat_role INTO v_seat FROM fibrelab.attempt_seats s WHERE s.attempt_id = v_x.id;
    IF v_seat IS DISTINCT FROM fibrelab_secret.who() THEN
        PERFORM fibrelab_secret.refuse('FL010', 'other-seat', p_attempt,
            'this attempt was not started from this login');
    END IF;
    IF v_x.status <> 'open' THEN
        PERFORM fibrelab_secret.refuse('FL011', 'attempt-not-open', p_attempt,
            format('the attempt is %s', v_x.status));
    END IF;
    RETURN QUERY SELECT y.seq::bigint, y.at_ms::bigint, y.action FROM fibrelab.actions y
                  WHERE y.attempt_id = v_x.id ORDER BY y.seq;
END
$$;

-- Hands an attempt in (from the room's login that started it): finished at the server's
-- clock, or at its deadline when that has passed (ended_by 'time-limit'); no grade (the
-- trainer's FibreLab replays the log and writes the official one); the seat's own grade is
-- kept in attempt_seats.claimed_grade (at most 1048576 bytes). Sealed (End) as FibreLab
-- seals it. Returns finished_at. An attempt marked offline (seat_handover) may be handed
-- in up to OFFLINE_GRACE past its deadline (finished at the deadline, ended_by 'offline'),
-- and is refused past it (FL001: it stays open, for the trainer to close).
-- An attempt never marked offline is handed in at any time, capped at its deadline, as
-- before: nothing handed in late adds an action.
CREATE OR REPLACE FUNCTION fibrelab_secret.w_seat_finish(p_who text, p_addr inet, p_attempt text, p_claimed_grade text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
DECLARE
    v_x fibrelab.attempts%ROWTYPE;
    v_seat text;
    v_offline boolean;
    v_now bigint;
    v_at bigint;
BEGIN
    PERFORM fibrelab_secret.as_seat(p_who, p_addr);
    PERFORM fibrelab_secret.need(p_attempt IS NOT NULL, 'p_attempt is NULL');
    IF octet_length(p_claimed_grade) > 1048576 THEN
        PERFORM fibrelab_secret.refuse('FL014', 'too-long', p_attempt,
            format('claimed grade of %s bytes (1048576 at most)', octet_length(p_claimed_grade)));
    END IF;
    SELECT * INTO v_x FROM fibrelab.attempts x WHERE x.uuid = p_attempt FOR UPDATE;
    IF v_x.id IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL005', 'unknown', p_attempt, 'no such attempt');
    END IF;
    SELECT s.seat_role, s.offline_from IS NOT NULL INTO v_seat, v_offline FROM fibrelab.attempt_seats s WHERE s.attempt_id = v_x.id;
    IF v_seat IS DISTINCT FROM fibrelab_secret.who() THEN
        PERFORM fibrelab_secret.refuse('FL010', 'other-seat', p_attempt,
            'this attempt was not started from this login');
    END IF;
    IF v_x.status <> 'open' THEN
        PERFORM fibrelab_secret.refuse('FL011', 'attempt-not-open', p_attempt,
            format('the attempt is %s', v_x.status));
    END IF;
    IF fibrelab_secret.key_or_null() IS NULL THEN
        PERFORM fibrelab_secret.refuse('FL015', 'no-key', p_attempt,
            'the school''s key is not on the server, or is not the key of this store');
    END IF;
    v_now := fibrelab.now_ms();
    IF v_offline AND v_x.deadline_at IS NOT NULL
       AND v_now > v_x.deadline_at + fibrelab.offline_grace_ms() THEN
        PERFORM fibrelab_secret.refuse('FL001', 'time-up', p_attempt,
            format('offline attempt handed in at server clock %s, past the deadline %s and the offline grace of %s ms',
                   v_now, v_x.deadline_at, fibrelab.offline_grace_ms()));
    END IF;
    v_at := CASE WHEN v_x.deadline_at IS NOT NULL AND v_now > v_x.deadline_at
                 THEN v_x.deadline_at ELSE v_now END;
    UPDATE fibrelab.attempts
       SET status = 'finished', finished_at = v_at,
           ended_by = CASE WHEN v_at >= v_now THEN NULL
                           WHEN v_offline THEN 'offline' ELSE 'time-limit' END
     WHERE id = v_x.id;
    UPDATE fibrelab.attempt_seats SET finished_at = v_at, claimed_grade = p_claimed_grade
     WHERE attempt_id = v_x.id;
    PERFORM fibrelab_secret.seal(v_x.uuid, 'end', fibrelab_secret.attempt_digest(v_x.id, true));
    RETURN v_at;
END
$$;

-- ---------------------------------------------------------------------------------------
-- The six seat functions that write or check a PIN: each hands its call to the worker (fibrelab_secret.remote, see
-- "The seat's work, out of the seat's transaction") with the seat's login and address.

-- The room's list of names ("Je suis…" on a seat): each trainee, not archived nor erased,
-- with a name and an assignment in an assessment not closed yet, once per cohort they are
-- in now (cohort NULL when none). Only what the seat's picker shows: the pseudonym, the
-- name, the cohort; no PIN state, no reference, no attempt. Nothing is written.
CREATE OR REPLACE FUNCTION fibrelab.seat_roster()
RETURNS TABLE (trainee text, name text, cohort text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT DISTINCT t.uuid, t.display_name, c.name
      FROM fibrelab.trainees t
      LEFT JOIN fibrelab.cohort_members m ON m.trainee_id = t.id AND m.left_at IS NULL
      LEFT JOIN fibrelab.cohorts c ON c.id = m.cohort_id AND c.archived_at IS NULL
     WHERE t.archived_at IS NULL AND t.erased_at IS NULL AND t.display_name IS NOT NULL
       AND EXISTS (SELECT 1 FROM fibrelab.assignments g
                     JOIN fibrelab.assessments a ON a.id = g.assessment_id
                    WHERE g.trainee_id = t.id AND a.closed_at IS NULL
                      AND (a.closes_at IS NULL OR fibrelab.now_ms() < a.closes_at))
     ORDER BY c.name NULLS LAST, t.display_name, t.uuid
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_assignments(p_trainee text, p_pin text)
RETURNS TABLE (assignment text, assessment_key text, title text, "position" bigint,
               scenario_id text, attempts_used bigint, attempts_allowed bigint,
               opens_at bigint, closes_at bigint, time_limit_s bigint, extra_time_s bigint,
               server_now bigint, open_attempt text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_trainee, 64, 'trainee id'), fibrelab_secret.cap(p_pin, 12, 'PIN');
    SELECT * FROM json_to_recordset(coalesce(fibrelab_secret.remote(format(
        'SELECT json_agg(t)::text FROM fibrelab_secret.w_seat_assignments(%L, %L, %L, %L) t',
        session_user, inet_client_addr(), p_trainee, p_pin)), '[]')::json)
        AS t(assignment text, assessment_key text, title text, "position" bigint,
             scenario_id text, attempts_used bigint, attempts_allowed bigint,
             opens_at bigint, closes_at bigint, time_limit_s bigint, extra_time_s bigint,
             server_now bigint, open_attempt text)
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_start(p_assignment text, p_pin text,
                                               p_program_version text)
RETURNS TABLE (attempt text, seed bigint, scenario_id text, scenario_source text,
               scenario_hash text, time_limit_ms bigint, deadline_at bigint, started_at bigint,
               resumed boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_assignment, 64, 'assignment id'), fibrelab_secret.cap(p_pin, 12, 'PIN'),
           fibrelab_secret.cap(p_program_version, 400, 'program version');
    SELECT * FROM json_to_recordset(coalesce(fibrelab_secret.remote(format(
        'SELECT json_agg(t)::text FROM fibrelab_secret.w_seat_start(%L, %L, %L, %L, %L) t',
        session_user, inet_client_addr(), p_assignment, p_pin, p_program_version)), '[]')::json)
        AS t(attempt text, seed bigint, scenario_id text, scenario_source text,
             scenario_hash text, time_limit_ms bigint, deadline_at bigint, started_at bigint,
             resumed boolean)
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_append(p_attempt text, p_seq bigint, p_at_ms bigint,
                                                p_action text) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_attempt, 64, 'attempt id'), fibrelab_secret.cap(p_action, 65536, 'action');
    SELECT fibrelab_secret.remote(format(
        'SELECT fibrelab_secret.w_seat_append(%L, %L, %L, %L, %L, %L)::text',
        session_user, inet_client_addr(), p_attempt, p_seq, p_at_ms, p_action))::bigint
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_handover(p_attempt text, p_seq bigint, p_at_ms bigint,
                                                  p_action text) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_attempt, 64, 'attempt id'), fibrelab_secret.cap(p_action, 65536, 'action');
    SELECT fibrelab_secret.remote(format(
        'SELECT fibrelab_secret.w_seat_handover(%L, %L, %L, %L, %L, %L)::text',
        session_user, inet_client_addr(), p_attempt, p_seq, p_at_ms, p_action))::bigint
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_log(p_attempt text)
RETURNS TABLE (seq bigint, at_ms bigint, action text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_attempt, 64, 'attempt id');
    SELECT * FROM json_to_recordset(coalesce(fibrelab_secret.remote(format(
        'SELECT json_agg(t)::text FROM fibrelab_secret.w_seat_log(%L, %L, %L) t',
        session_user, inet_client_addr(), p_attempt)), '[]')::json)
        AS t(seq bigint, at_ms bigint, action text)
$$;

CREATE OR REPLACE FUNCTION fibrelab.seat_finish(p_attempt text, p_claimed_grade text)
RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = fibrelab, pg_temp AS $$
    SELECT fibrelab_secret.cap(p_attempt, 64, 'attempt id'), fibrelab_secret.cap(p_claimed_grade, 1048576, 'claimed grade');
    SELECT fibrelab_secret.remote(format(
        'SELECT fibrelab_secret.w_seat_finish(%L, %L, %L, %L)::text',
        session_user, inet_client_addr(), p_attempt, p_claimed_grade))::bigint
$$;

RESET ROLE;

-- ---------------------------------------------------------------------------------------
-- Who may call what. Nothing to PUBLIC; a seat: the seven seat functions, nothing else.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA fibrelab FROM PUBLIC;
-- FibreLab's own functions of the key's schema: nobody but the owner (audit_write: the audit
-- writer). pgcrypto's and dblink's functions keep the privileges their extension gave them
-- (dblink_connect_u, which connects as its superuser owner, to nobody): nobody but the
-- owner, the trainers and the audit writer has USAGE on their schema anyway.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'fibrelab_secret'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, fibrelab_seat, fibrelab_trainer, fibrelab_audit', r.f);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION fibrelab_secret.dblink_connect_u(text) FROM PUBLIC, fibrelab_owner,
    fibrelab_trainer, fibrelab_seat, fibrelab_audit;
REVOKE ALL ON FUNCTION fibrelab_secret.dblink_connect_u(text, text) FROM PUBLIC, fibrelab_owner,
    fibrelab_trainer, fibrelab_seat, fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab.seat_roster() TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_assignments(text, text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_start(text, text, text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_append(text, bigint, bigint, text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_log(text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_handover(text, bigint, bigint, text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.seat_finish(text, text) TO fibrelab_seat;
GRANT EXECUTE ON FUNCTION fibrelab.set_seat_pin(text, text) TO fibrelab_trainer;
GRANT EXECUTE ON FUNCTION fibrelab.base_seed_for(text) TO fibrelab_trainer;
GRANT EXECUTE ON FUNCTION fibrelab.seed_for(text, bigint, text, bigint, text, bigint) TO fibrelab_trainer;
GRANT EXECUTE ON FUNCTION fibrelab.now_ms() TO fibrelab_trainer;
GRANT EXECUTE ON FUNCTION fibrelab.offline_grace_ms() TO fibrelab_trainer;
GRANT EXECUTE ON FUNCTION fibrelab_secret.audit_write(text, text, text, text, bigint) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.pin_try(bigint) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.pin_ok(bigint) TO fibrelab_audit;
-- The worker functions: the audit writer's connection only (fibrelab_secret.remote).
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_assignments(text, inet, text, text) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_start(text, inet, text, text, text) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_append(text, inet, text, bigint, bigint, text) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_handover(text, inet, text, bigint, bigint, text) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_log(text, inet, text) TO fibrelab_audit;
GRANT EXECUTE ON FUNCTION fibrelab_secret.w_seat_finish(text, inet, text, text) TO fibrelab_audit;
GRANT SELECT, INSERT, UPDATE, DELETE ON fibrelab.attempt_seats TO fibrelab_trainer;
REVOKE ALL ON fibrelab.attempt_seats FROM PUBLIC, fibrelab_seat;
