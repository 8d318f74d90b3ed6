#!/usr/bin/env bash
# Attacks a FibreLab PostgreSQL server from a seat's login with plain psql over TLS: every
# attack must be refused (each asserted: the script stops, non-zero, at the first that is
# not), the legitimate path must work, and what the server wrote must hold (the audit log,
# the seals, the action MACs, recomputed here in SQL).
#
#   tests/pg/attack.sh          starts its own server (tests/pg/harness.sh), stops it after
#   tests/pg/attack.sh DIR      uses a server harness.sh started in DIR (fresh: the fixture
#                               is written once)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${1:-}" ]; then
    DIR=$1
else
    DIR=$(mktemp -u /tmp/fibrelab-pg-attack.XXXXXX)
    "$here/harness.sh" start "$DIR" >/dev/null
    trap '"$here/harness.sh" stop "$DIR"' EXIT
fi
# shellcheck disable=SC1091
. "$DIR/env"

checks=0
fl_refusals=0 # refusals by the seat functions (each must be in the audit log)
fail() { echo "attack.sh: UNEXPECTED: $*" >&2; exit 1; }
ok() { checks=$((checks + 1)); echo "ok  $*"; }

q() { # q DSN SQL...: the rows, fields separated by |, or exit non-zero
    local dsn=$1
    shift
    local args=()
    for s in "$@"; do args+=(-c "$s"); done
    psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose "$dsn" "${args[@]}"
}
seat() { q "$PGH_SEAT_DSN" "$@"; }
seat2() { q "$PGH_SEAT2_DSN" "$@"; }
su() { q "$PGH_SUPERUSER_DSN" "$@"; }

# refused CODE WHAT SQL [DSN]: the SQL, run as the seat (or DSN), must fail with SQLSTATE CODE.
refused() {
    local code=$1 what=$2 sql=$3 dsn=${4:-$PGH_SEAT_DSN} out
    if out=$(q "$dsn" "$sql" 2>&1); then
        fail "$what: it was done: $out"
    fi
    grep -q "ERROR:  $code:" <<<"$out" || fail "$what: refused, but not with $code: $out"
    ok "refused $code  $what"
    case $code in FL*) fl_refusals=$((fl_refusals + 1)) ;; esac
}
# same EXPECTED ACTUAL WHAT
same() { [ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"; ok "$3"; }

A=a1111111-0000-4000-8000-000000000001 # Alice, PIN 1111
B=b2222222-0000-4000-8000-000000000002 # Bob, PIN 2222, 10 min extra time
C=c3333333-0000-4000-8000-000000000003 # a trainee without a name, PIN 3333
GA=ga1-0000-4000-8000-000000000000     # Alice's open assessment (2 attempts, 30 min)
GB=ga2-0000-4000-8000-000000000000     # Bob's
# The setup run again over a running school (it must be idempotent), then the fixture.
root=$(cd "$here/../.." && pwd)
for f in roles.sql seat.sql; do
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$PGH_SUPERUSER_DSN" \
        -f "$root/src/records/pg/$f" >/dev/null
done
psql -X -q -v ON_ERROR_STOP=1 "$PGH_TRAINER_DSN" -f "$here/fixture.sql" >/dev/null

echo "== the catalogue: what a seat's login and PUBLIC hold"
same "seat_append,seat_assignments,seat_finish,seat_handover,seat_log,seat_roster,seat_start" "$(su "SELECT string_agg(p.proname, ',' ORDER BY p.proname)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret', 'public')
       AND has_schema_privilege('seat_room_b12', n.oid, 'USAGE')
       AND has_function_privilege('seat_room_b12', p.oid, 'EXECUTE')")" \
    "the seat may call the seven seat functions and nothing else of FibreLab's"
same "0" "$(su "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret')
       AND CASE WHEN c.relkind IN ('r', 'v', 'p', 'm') THEN has_table_privilege('seat_room_b12', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') END")" \
    "the seat holds no privilege on any table"
same "0" "$(su "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret')
       AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege('seat_room_b12', c.oid, 'USAGE, SELECT, UPDATE') END")" \
    "the seat holds no privilege on any sequence"
same "f|f|f" "$(su "SELECT has_schema_privilege('seat_room_b12', 'fibrelab_secret', 'USAGE'),
       has_schema_privilege('seat_room_b12', 'fibrelab', 'CREATE'), has_database_privilege('seat_room_b12', current_database(), 'CREATE, TEMPORARY')")" \
    "the seat cannot enter the key's schema nor create anything"
same "0" "$(su "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
                 WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND a.grantee = 0)
            + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'fibrelab' AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0)))
            + (SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND a.grantee = 0)
            + (SELECT count(*) FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = current_database() AND a.grantee = 0)")" \
    "nothing of FibreLab's granted to PUBLIC (tables, functions, schemas, the database)"
same "0" "$(su "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND p.prosecdef
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
       AND NOT (p.proowner = 'fibrelab_owner'::regrole AND p.proconfig @> ARRAY['search_path=fibrelab, pg_temp'])")" \
    "every SECURITY DEFINER function is the owner's, with search_path = fibrelab, pg_temp"
same "0" "$(su "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
           unnest(ARRAY['fibrelab_owner', 'fibrelab_trainer', 'fibrelab_seat', 'fibrelab_audit', 'seat_room_b12', 'trainer_test']) r
     WHERE n.nspname = 'fibrelab_secret' AND p.prosecdef AND p.proowner <> 'fibrelab_owner'::regrole
       AND has_function_privilege(r, p.oid, 'EXECUTE')")" \
    "no FibreLab role may run an extension's SECURITY DEFINER function (dblink_connect_u)"
same "1" "$(su "SELECT count(DISTINCT c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND c.relkind IN ('r', 'S') AND c.relowner = 'fibrelab_owner'::regrole")$(
     su "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND c.relkind IN ('r', 'S') AND c.relowner <> 'fibrelab_owner'::regrole" | sed 's/^0$//')" \
    "every table and sequence belongs to fibrelab_owner"

echo "== connections"
out=$(psql -X -At "$PGH_SEAT_NOSSL_DSN" -c "SELECT 1" 2>&1) && fail "a seat connected without TLS"
grep -q "rejects connection.*no encryption" <<<"$out" || fail "without TLS: $out"
ok "refused     a seat without TLS"
out=$(psql -X -At "${PGH_SEAT_DSN/:[0-9a-f]*@/:wrong@}" -c "SELECT 1" 2>&1) && fail "a wrong password connected"
grep -q "password authentication failed" <<<"$out" || fail "wrong password: $out"
ok "refused     a seat with a wrong password"
out=$(psql -X -At "${PGH_SEAT_DSN/\/fibrelab?/\/postgres?}" -c "SELECT 1" 2>&1) && fail "a seat connected to another database"
ok "refused     a seat connecting to another database"
same "seat_room_b12|t" "$(seat "SELECT session_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")" \
    "a seat connects over TLS"

echo "== tables: no read, no write"
for t in fibrelab.attempts fibrelab.actions fibrelab.trainees fibrelab.trainers fibrelab.reviews \
         fibrelab.assessments fibrelab.assessment_items fibrelab.assignments fibrelab.seals \
         fibrelab.settings fibrelab.audit_log fibrelab.attempt_files fibrelab.attempt_seats \
         fibrelab.cohorts fibrelab.cohort_members fibrelab.xapi_outbox \
         fibrelab_secret.school_key fibrelab_secret.seat_pins fibrelab_secret.pin_state \
         fibrelab_secret.audit_link fibrelab_secret.clock; do
    code=42501
    refused $code "SELECT $t" "SELECT * FROM $t"
    refused $code "DELETE $t" "DELETE FROM $t"
    col=$(su "SELECT attname FROM pg_attribute WHERE attrelid = '$t'::regclass AND attnum = 1")
    refused $code "UPDATE $t" "UPDATE $t SET $col = $col"
done
refused 42501 "INSERT attempts" "INSERT INTO fibrelab.attempts (scenario_id, scenario_hash, scenario_source, seed, trainee, started_at, status, program_version) VALUES ('x', 'x', 'x', 1, 'x', 0, 'finished', 'x')"
refused 42501 "INSERT actions" "INSERT INTO fibrelab.actions VALUES (1, 0, 0, 0, 'x', 'x')"
refused 42501 "INSERT audit_log" "INSERT INTO fibrelab.audit_log (at, who, action) VALUES (0, 'x', 'x')"
refused 42501 "INSERT seals" "INSERT INTO fibrelab.seals VALUES (999, 'x', 'x', 'x', 'x')"
refused 42501 "INSERT the key" "INSERT INTO fibrelab_secret.school_key (bytes) VALUES ('\\x00')"
refused 42501 "TRUNCATE attempts" "TRUNCATE fibrelab.attempts"
refused 42501 "COPY attempts" "COPY fibrelab.attempts TO STDOUT"
refused 42501 "nextval of an identity" "SELECT nextval(pg_get_serial_sequence('fibrelab.attempts', 'id'))"

echo "== functions and roles that are not a seat's"
refused 42501 "set_seat_pin" "SELECT fibrelab.set_seat_pin('$A', '0000')"
refused 42501 "base_seed_for" "SELECT fibrelab.base_seed_for('open-1')"
refused 42501 "seed_for" "SELECT fibrelab.seed_for('fixed', 1, 'k', 0, 'x', 1)"
refused 42501 "now_ms" "SELECT fibrelab.now_ms()"
refused 42501 "set_clock_offset" "SELECT fibrelab.set_clock_offset(-3600000)"
refused 42501 "offline_grace_ms" "SELECT fibrelab.offline_grace_ms()"
refused 42501 "audit_write" "SELECT fibrelab_secret.audit_write('x', 'x', 'x', 'x', NULL)"
refused 42501 "key_or_null" "SELECT fibrelab_secret.key_or_null()"
refused 42501 "pgcrypto's hmac" "SELECT fibrelab_secret.hmac('x', 'y', 'sha256')"
refused 42501 "dblink" "SELECT fibrelab_secret.dblink_exec('dbname=fibrelab', 'SELECT 1')"
refused 42501 "SET ROLE fibrelab_trainer" "SET ROLE fibrelab_trainer"
refused 42501 "SET ROLE fibrelab_owner" "SET ROLE fibrelab_owner"
refused 42501 "SET SESSION AUTHORIZATION" "SET SESSION AUTHORIZATION postgres"
refused 42501 "a temporary table" "CREATE TEMP TABLE t (x int)"
refused 42501 "a function in public" "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"
refused 42501 "a table in fibrelab" "CREATE TABLE fibrelab.t (x int)"
refused 42501 "a role" "CREATE ROLE x"

echo "== issue 25: PostgreSQL's own functions a seat could turn against its classmates"
# A classmate of the same room (same login) sits in a session of its own.
psql -X -q -At "$PGH_SEAT_DSN" -c "SELECT 1" -c '\! sleep 6' >/dev/null 2>&1 &
mate=$!
sleep 1
mate_pid=$(su "SELECT pid FROM pg_stat_activity WHERE usename = 'seat_room_b12' ORDER BY backend_start LIMIT 1")
[ -n "$mate_pid" ] || fail "no classmate's session seen"
refused 42501 "pg_terminate_backend of a classmate's session" "SELECT pg_terminate_backend($mate_pid)"
refused 42501 "pg_cancel_backend of a classmate's session" "SELECT pg_cancel_backend($mate_pid)"
wait "$mate" || fail "the classmate's session was ended"
refused 42501 "pg_sleep (holding a transaction open)" "SELECT pg_sleep(1)"
refused 42501 "pg_sleep_for" "SELECT pg_sleep_for('1 second')"
refused 42501 "lo_from_bytea (the disk)" "SELECT lo_from_bytea(0, 'x')"
refused 42501 "lo_create" "SELECT lo_create(0)"
refused 42501 "lo_put" "SELECT lo_put(1, 0, 'x')"
refused 42501 "lo_import" "SELECT lo_import('/etc/passwd')"
same "0" "$(su "SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace
     AND (p.proname LIKE 'lo\\_%' OR p.proname IN ('loread', 'lowrite', 'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'pg_terminate_backend', 'pg_cancel_backend'))
     AND has_function_privilege('seat_room_b12', p.oid, 'EXECUTE')")" "no seat may call any of them (lo_*, pg_sleep*, pg_terminate/cancel_backend)"

echo "== the room's list of names (the seat's picker)"
same "$A|Alice|CAP 2025
$B|Bob|CAP 2025" "$(seat "SELECT trainee || '|' || name || '|' || coalesce(cohort, '-') FROM fibrelab.seat_roster()")" \
    "the roster: the named trainees with an assessment not closed, with their cohort"
same "trainee,name,cohort" "$(su "SELECT string_agg(a, ',' ORDER BY n) FROM unnest((SELECT proargnames FROM pg_proc WHERE proname = 'seat_roster')) WITH ORDINALITY u(a, n)")" \
    "the roster gives a pseudonym, a name and a cohort, nothing else (no PIN state, no reference)"
su "UPDATE fibrelab.trainees SET archived_at = 1 WHERE uuid = '$B'" >/dev/null
same "$A" "$(seat "SELECT string_agg(trainee, ',') FROM fibrelab.seat_roster()")" "an archived trainee is not on the roster"
su "UPDATE fibrelab.trainees SET archived_at = NULL WHERE uuid = '$B'" >/dev/null
su "UPDATE fibrelab.cohort_members SET left_at = 1 WHERE trainee_id = (SELECT id FROM fibrelab.trainees WHERE uuid = '$A')" >/dev/null
same "$A|-" "$(seat "SELECT trainee || '|' || coalesce(cohort, '-') FROM fibrelab.seat_roster() WHERE trainee = '$A'")" \
    "a trainee who left their cohort is listed without it"
su "UPDATE fibrelab.cohort_members SET left_at = NULL WHERE trainee_id = (SELECT id FROM fibrelab.trainees WHERE uuid = '$A')" >/dev/null

echo "== the legitimate path: list, start, 5 actions, finish"
rows=$(seat "SELECT assignment || ' ' || assessment_key FROM fibrelab.seat_assignments('$A', '1111') ORDER BY 1")
same "ga1-0000-4000-8000-000000000000 open-1
gc1-0000-4000-8000-000000000000 later-1
gd1-0000-4000-8000-000000000000 unpinned-1" "$rows" "the list: Alice's three assessments not closed"
cols=$(seat "SELECT string_agg(a, ',' ORDER BY n) FROM unnest((SELECT proargnames FROM pg_proc WHERE proname = 'seat_assignments')) WITH ORDINALITY u(a, n)")
grep -qi seed <<<"$cols" && fail "the list gives a seed: $cols"
ok "the list gives no seed"
IFS='|' read -r X1 SEED1 LIMIT1 RESUMED1 < <(seat "SELECT attempt, seed, time_limit_ms, resumed FROM fibrelab.seat_start('$GA', '1111', '0.test')")
[ -n "$X1" ] || fail "no first attempt"
same "1800000|f" "$LIMIT1|$RESUMED1" "started: 30 min, a new attempt"
same "$SEED1" "$(su "SELECT seed FROM fibrelab.attempts WHERE uuid = '$X1'")" "the seed given is the attempt's"
same "$SEED1" "$(su "SELECT fibrelab.seed_for('per_trainee', -1234567890123456789, 'open-1', 0, '$A', 1)")" \
    "the seed is seed_for(attempt 1)"
prev=0
for i in 0 1 2 3 4; do
    rec=$(seat "SELECT fibrelab.seat_append('$X1', $i, $((i * 1000 + 500)), 'Wait(secs: $i)')")
    [ "$rec" -ge "$prev" ] || fail "recorded_at went back: $rec < $prev"
    prev=$rec
done
ok "5 actions appended, stamped by the server's clock"
fin=$(seat "SELECT fibrelab.seat_finish('$X1', '{\"score\": 100}')")
same "finished|$fin|||" "$(su "SELECT status, finished_at, score, passed, grade_json FROM fibrelab.attempts WHERE uuid = '$X1'")" \
    "finished at the server's clock, no grade"
same '5|5|{"score": 100}|seat_room_b12' "$(su "SELECT count(*), count(y.mac), s.claimed_grade, s.seat_role FROM fibrelab.actions y JOIN fibrelab.attempt_seats s USING (attempt_id) JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$X1' GROUP BY 3, 4")" \
    "5 actions with their MACs, the claimed grade and the seat kept"
same "start,end" "$(su "SELECT string_agg(kind, ',' ORDER BY seq) FROM fibrelab.seals WHERE subject = '$X1'")" \
    "sealed at its start and end"

echo "== a finished attempt"
refused FL011 "finish twice" "SELECT fibrelab.seat_finish('$X1', NULL)"
refused FL011 "append after the finish" "SELECT fibrelab.seat_append('$X1', 5, 6000, 'x')"

echo "== PINs and classmates"
refused FL002 "list with a wrong PIN" "SELECT * FROM fibrelab.seat_assignments('$B', '1111')"
refused FL002 "start with a wrong PIN" "SELECT * FROM fibrelab.seat_start('$GA', '9999', '0.test')"
refused FL002 "start a classmate's assignment (own PIN)" "SELECT * FROM fibrelab.seat_start('$GB', '1111', '0.test')"
refused FL002 "no PIN" "SELECT * FROM fibrelab.seat_start('$GA', NULL, '0.test')"
for i in 1 2 3; do
    refused FL002 "wrong PIN $i for C, each call undone" "BEGIN; SELECT * FROM fibrelab.seat_assignments('$C', '000$i')"
done
refused FL003 "the right PIN after 3 wrong ones in a row: wait" "SELECT * FROM fibrelab.seat_assignments('$C', '3333')"
same "3" "$(su "SELECT count(*) FROM fibrelab.audit_log WHERE action = 'pin_wrong' AND target = 'trainee:$C' AND who = 'seat_room_b12'")" \
    "the wrong PINs are in the audit log although each call was undone"
su "SELECT fibrelab.set_clock_offset(6000)" >/dev/null
same "3" "$(seat "SELECT count(*) FROM fibrelab.seat_assignments('$C', '3333')")" "after the wait the right PIN opens"
su "SELECT fibrelab.set_clock_offset(0)" >/dev/null

echo "== the second attempt, from another room"
IFS='|' read -r X2 SEED2 RESUMED2 < <(seat "SELECT attempt, seed, resumed FROM fibrelab.seat_start('$GA', '1111', '0.test')")
[ -n "$X2" ] || fail "no second attempt"
same "f" "$RESUMED2" "a second attempt starts"
[ "$SEED2" != "$SEED1" ] || fail "the second attempt has the first one's seed"
same "$SEED2" "$(su "SELECT fibrelab.seed_for('per_trainee', -1234567890123456789, 'open-1', 0, '$A', 2)")" \
    "its seed is seed_for(attempt 2), a new draw"
refused FL010 "another room appends to it" "SELECT fibrelab.seat_append('$X2', 0, 0, 'x')" "$PGH_SEAT2_DSN"
refused FL010 "another room finishes it" "SELECT fibrelab.seat_finish('$X2', NULL)" "$PGH_SEAT2_DSN"
refused FL010 "another room resumes it (right PIN)" "SELECT * FROM fibrelab.seat_start('$GA', '1111', '0.test')" "$PGH_SEAT2_DSN"
same "$X2|t|$SEED2" "$(seat "SELECT attempt, resumed, seed FROM fibrelab.seat_start('$GA', '1111', '0.test')")" \
    "the same room resumes it"
same "$X2" "$(seat "SELECT open_attempt FROM fibrelab.seat_assignments('$A', '1111') WHERE assignment = '$GA'")" \
    "the list names the open attempt"

echo "== actions out of order, late, too long"
refused FL012 "the first action numbered 1" "SELECT fibrelab.seat_append('$X2', 1, 0, 'x')"
seat "SELECT fibrelab.seat_append('$X2', 0, 5000, 'Wait(secs: 5)')" >/dev/null
refused FL012 "an action numbered again" "SELECT fibrelab.seat_append('$X2', 0, 5000, 'x')"
refused FL012 "an action skipping a number" "SELECT fibrelab.seat_append('$X2', 2, 6000, 'x')"
refused FL013 "an action earlier than the previous one" "SELECT fibrelab.seat_append('$X2', 1, 4999, 'x')"
refused FL001 "an action past the time limit" "SELECT fibrelab.seat_append('$X2', 1, 1800001, 'x')"
refused FL014 "an action of 65537 bytes" "SELECT fibrelab.seat_append('$X2', 1, 6000, repeat('x', 65537))"
refused FL016 "a NULL action" "SELECT fibrelab.seat_append('$X2', 1, 6000, NULL)"
refused FL005 "an unknown attempt" "SELECT fibrelab.seat_append('00000000-0000-4000-8000-000000000000', 0, 0, 'x')"
su "SELECT fibrelab.set_clock_offset(31 * 60000)" >/dev/null
refused FL001 "an action after the deadline (server clock + 31 min)" "SELECT fibrelab.seat_append('$X2', 1, 6000, 'x')"
fin2=$(seat "SELECT fibrelab.seat_finish('$X2', NULL)")
same "$fin2|time-limit|finished" "$(su "SELECT deadline_at, ended_by, status FROM fibrelab.attempts WHERE uuid = '$X2'")" \
    "finished after the deadline: at the deadline, ended by the time limit"
su "SELECT fibrelab.set_clock_offset(0)" >/dev/null

echo "== attempts allowed, window, pinning"
refused FL008 "a third attempt where 2 are allowed" "SELECT * FROM fibrelab.seat_start('$GA', '1111', '0.test')"
refused FL007 "a closed assessment" "SELECT * FROM fibrelab.seat_start('gb1-0000-4000-8000-000000000000', '1111', '0.test')"
refused FL006 "an assessment not open yet" "SELECT * FROM fibrelab.seat_start('gc1-0000-4000-8000-000000000000', '1111', '0.test')"
refused FL009 "an item not pinned" "SELECT * FROM fibrelab.seat_start('gd1-0000-4000-8000-000000000000', '1111', '0.test')"
refused FL005 "an unknown assignment" "SELECT * FROM fibrelab.seat_start('nope', '1111', '0.test')"
refused FL014 "a program version of 101 characters" "SELECT * FROM fibrelab.seat_start('$GA', '1111', repeat('v', 101))"

echo "== Bob, from the other room, with his extra time"
IFS='|' read -r XB LIMITB < <(seat2 "SELECT attempt, time_limit_ms FROM fibrelab.seat_start('$GB', '2222', '0.test')")
[ -n "$XB" ] || fail "no attempt for Bob"
same "2400000" "$LIMITB" "30 min + 10 min extra"
refused FL010 "room b12 appends to Bob's attempt" "SELECT fibrelab.seat_append('$XB', 0, 0, 'x')"
seat2 "SELECT fibrelab.seat_append('$XB', 0, 100, 'Wait(secs: 1)')" >/dev/null
su "SELECT fibrelab.set_clock_offset(35 * 60000)" >/dev/null
seat2 "SELECT fibrelab.seat_append('$XB', 1, 200, 'Wait(secs: 1)')" >/dev/null
ok "Bob appends 35 min in: his extra time is in the deadline"
su "SELECT fibrelab.set_clock_offset(0)" >/dev/null

echo "== a seat killed mid-attempt: resumed from the server's log"
GC=ga3-0000-4000-8000-000000000000 # C's open assessment
IFS='|' read -r X3 SEED3 RESUMED3 < <(seat "SELECT attempt, seed, resumed FROM fibrelab.seat_start('$GC', '3333', '0.test')")
[ -n "$X3" ] || fail "no attempt for C"
same "f" "$RESUMED3" "C starts an attempt"
for i in 0 1 2; do seat "SELECT fibrelab.seat_append('$X3', $i, $((i * 100 + 100)), 'Wait(secs: $i)')" >/dev/null; done
# The seat is killed (each call here is a connection of its own): FibreLab restarts on the
# same PC, the trainee gives their PIN again.
same "$X3|t|$SEED3" "$(seat "SELECT attempt, resumed, seed FROM fibrelab.seat_start('$GC', '3333', '0.test')")" \
    "a new connection resumes the open attempt, same seed"
same "0|100|Wait(secs: 0)
1|200|Wait(secs: 1)
2|300|Wait(secs: 2)" "$(seat "SELECT seq, at_ms, action FROM fibrelab.seat_log('$X3')")" \
    "seat_log gives the 3 actions sent, in order"
same "seq,at_ms,action" "$(su "SELECT string_agg(a, ',' ORDER BY n) FROM unnest((SELECT proargnames[2:] FROM pg_proc WHERE proname = 'seat_log')) WITH ORDINALITY u(a, n)")" \
    "seat_log gives the number, the time and the text of each action, nothing else"
refused FL012 "the last action sent again (its reply was lost in the crash)" "SELECT fibrelab.seat_append('$X3', 2, 300, 'Wait(secs: 2)')"
seat "SELECT fibrelab.seat_append('$X3', 3, 400, 'Wait(secs: 3)')" >/dev/null
seat "SELECT fibrelab.seat_finish('$X3', NULL)" >/dev/null
same "0,1,2,3|4|4" "$(su "SELECT string_agg(y.seq::text, ',' ORDER BY y.seq), count(DISTINCT y.seq), count(y.mac) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$X3'")" \
    "after the crash: actions 0 to 3, none lost, none twice, each with its MAC"
refused FL011 "the log of a finished attempt (its own room)" "SELECT * FROM fibrelab.seat_log('$X3')"
refused FL011 "the log of Alice's finished attempt (a classmate's gestures)" "SELECT * FROM fibrelab.seat_log('$X1')"
refused FL010 "the log of Bob's open attempt, from another room" "SELECT * FROM fibrelab.seat_log('$XB')"
refused FL010 "the log of C's finished attempt, from another room" "SELECT * FROM fibrelab.seat_log('$X3')" "$PGH_SEAT2_DSN"
refused FL005 "the log of an unknown attempt" "SELECT * FROM fibrelab.seat_log('00000000-0000-4000-8000-000000000000')"
refused FL016 "the log of NULL" "SELECT * FROM fibrelab.seat_log(NULL)"
same "$(su "SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$XB'")" \
    "$(seat2 "SELECT count(*) FROM fibrelab.seat_log('$XB')")" "Bob's room reads Bob's open attempt's log"

echo "== offline: the cable pulled, the actions handed over in the grace"
GRACE=$(q "$PGH_TRAINER_DSN" "SELECT fibrelab.offline_grace_ms()")
same "600000" "$GRACE" "OFFLINE_GRACE is 10 min (the trainers may read it)"
# Two assessments of 30 min, one attempt each, for five trainees O1..O5 (PIN 5555).
su "INSERT INTO fibrelab.assessments (uuid, key, cohort_id, title, kind, opens_at, closes_at, time_limit_s,
                                      attempts_allowed, seed_policy, base_seed, feedback, created_by, created_at)
        SELECT v.uuid, v.key, c.id, v.key, 'final', fibrelab.now_ms() - 60000, fibrelab.now_ms() + 86400000, 1800,
               1, 'fixed', 77, 'none', 'trainer', fibrelab.now_ms()
          FROM fibrelab.cohorts c, (VALUES ('e0000000-0000-4000-8000-00000000000e', 'offline-1'),
                                           ('e0000000-0000-4000-8000-00000000000f', 'offline-2')) v(uuid, key);
    INSERT INTO fibrelab.assessment_items (assessment_id, position, scenario_id, scenario_hash, scenario_source)
        SELECT a.id, 0, 'splice-basic', encode(sha256('(id: \"splice-basic\")'::bytea), 'hex'), '(id: \"splice-basic\")'
          FROM fibrelab.assessments a WHERE a.key LIKE 'offline-%';
    INSERT INTO fibrelab.trainees (uuid, display_name, created_at)
        SELECT format('f%s-0000-4000-8000-000000000000', lpad(i::text, 7, '0')), 'Offline ' || i, 0
          FROM generate_series(1, 5) i;
    INSERT INTO fibrelab.assignments (uuid, assessment_id, position, trainee_id)
        SELECT 'g-' || a.key || '-' || t.display_name, a.id, 0, t.id FROM fibrelab.trainees t, fibrelab.assessments a
         WHERE t.display_name LIKE 'Offline %' AND a.key LIKE 'offline-%';
    SELECT fibrelab.set_seat_pin(uuid, '5555') FROM fibrelab.trainees WHERE display_name LIKE 'Offline %'" >/dev/null
start_o() { seat "SELECT attempt FROM fibrelab.seat_start('g-$1-Offline $2', '5555', '0.test')"; }
O1=$(start_o offline-1 1)
O2=$(start_o offline-1 2)
O3=$(start_o offline-1 3)
O4=$(start_o offline-2 4)
[ -n "$O1" ] && [ -n "$O2" ] && [ -n "$O3" ] && [ -n "$O4" ] || fail "the offline attempts did not start"
DL1=$(su "SELECT deadline_at FROM fibrelab.attempts WHERE uuid = '$O1'")
for i in 0 1 2; do seat "SELECT fibrelab.seat_append('$O1', $i, $((i * 1000 + 1000)), 'Wait(secs: $i)')" >/dev/null; done
for x in "$O2" "$O3" "$O4"; do seat "SELECT fibrelab.seat_append('$x', 0, 500, 'Wait(secs: 0)')" >/dev/null; done
# Within the deadline a hand-over is what an append would have been, closed assessment or not.
su "UPDATE fibrelab.assessments SET closed_at = fibrelab.now_ms() WHERE key = 'offline-2'" >/dev/null
seat "SELECT fibrelab.seat_handover('$O4', 1, 600, 'Wait(secs: 1)')" >/dev/null
ok "a hand-over before the deadline is taken (the assessment closed meanwhile, as an append)"
# The cable is pulled at 1 min; the seat plays on alone; the server sees it again 35 min
# after the start: 5 min past the deadline, inside the grace.
su "SELECT fibrelab.set_clock_offset(35 * 60000)" >/dev/null
refused FL001 "an append 5 min past the deadline (a seat that is only late)" "SELECT fibrelab.seat_append('$O1', 3, 1700000, 'x')"
before=$(su "SELECT fibrelab.now_ms()")
recs=""
for i in 3 4 5; do
    recs+="$(seat "SELECT fibrelab.seat_handover('$O1', $i, $((1700000 + (i - 3) * 50000)), 'Wait(secs: $i)')")"$'\n'
done
after=$(su "SELECT fibrelab.now_ms()")
same "${recs%$'\n'}" "$(su "SELECT y.recorded_at FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$O1' AND y.seq >= 3 ORDER BY y.seq")" \
    "3 actions handed over 5 min past the deadline, each recorded_at the one returned"
same "3" "$(su "SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$O1' AND y.seq >= 3 AND y.recorded_at BETWEEN $before AND $after AND y.recorded_at > $DL1")" \
    "each stamped by the server's clock (past the deadline), never the seat's"
same "3|3|t" "$(su "SELECT offline_from, offline_actions, offline_at BETWEEN $before AND $after FROM fibrelab.attempt_seats s JOIN fibrelab.attempts x ON x.id = s.attempt_id WHERE x.uuid = '$O1'")" \
    "the attempt marked offline: from action 3, 3 actions handed over, when"
same "seat_room_b12|1" "$(su "SELECT who, count(*) FROM fibrelab.audit_log WHERE action = 'seat_offline' AND target = '$O1' GROUP BY who")" \
    "one 'seat_offline' line in the audit log for the 3 hand-overs"
fin=$(seat "SELECT fibrelab.seat_finish('$O1', '{\"score\": 90}')")
same "$DL1|$DL1|offline|finished" "$fin|$(su "SELECT finished_at, ended_by, status FROM fibrelab.attempts WHERE uuid = '$O1'")" \
    "handed in inside the grace: finished at the deadline, ended by 'offline'"
same "seat_room_b12|3|3|{\"score\": 90}|$DL1" "$(q "$PGH_TRAINER_DSN" "SELECT s.seat_role, s.offline_from, s.offline_actions, s.claimed_grade, s.finished_at FROM fibrelab.attempt_seats s JOIN fibrelab.attempts x ON x.id = s.attempt_id WHERE x.uuid = '$O1'")" \
    "the trainer's login reads the room, the offline mark and the claimed grade"
refused FL011 "a hand-over after the finish" "SELECT fibrelab.seat_handover('$O1', 6, 1800000, 'x')"
refused FL011 "the log of a classmate's finished attempt under a fixed seed (same room)" "SELECT * FROM fibrelab.seat_log('$O1')"
refused FL010 "a hand-over to Bob's attempt, from another room" "SELECT fibrelab.seat_handover('$XB', 2, 300, 'x')"
refused FL011 "a hand-over to Alice's finished attempt" "SELECT fibrelab.seat_handover('$X1', 5, 6000, 'x')"

echo "== offline: what the grace does not let through"
refused FL012 "a hand-over skipping a number" "SELECT fibrelab.seat_handover('$O2', 2, 1000, 'x')"
refused FL012 "a hand-over numbered again" "SELECT fibrelab.seat_handover('$O2', 0, 1000, 'x')"
refused FL001 "a hand-over whose time is past the limit" "SELECT fibrelab.seat_handover('$O2', 1, 1800001, 'x')"
refused FL013 "a hand-over earlier than the previous action" "SELECT fibrelab.seat_handover('$O2', 1, 499, 'x')"
refused FL014 "a hand-over of 65537 bytes" "SELECT fibrelab.seat_handover('$O2', 1, 1000, repeat('x', 65537))"
refused FL016 "a NULL hand-over" "SELECT fibrelab.seat_handover('$O2', 1, NULL, 'x')"
refused FL007 "a hand-over in the grace to a closed assessment" "SELECT fibrelab.seat_handover('$O4', 2, 1000, 'x')"
su "UPDATE fibrelab.assessments SET closed_at = NULL, closes_at = fibrelab.now_ms() - 1 WHERE key = 'offline-2'" >/dev/null
refused FL007 "a hand-over in the grace past the assessment's closing time" "SELECT fibrelab.seat_handover('$O4', 2, 1000, 'x')"
seat "SELECT fibrelab.seat_handover('$O2', 1, 1000, 'Wait(secs: 1)')" >/dev/null
ok "O2 hands one action over in the grace"
su "SELECT fibrelab.set_clock_offset(30 * 60000 + $GRACE + 60000)" >/dev/null
refused FL001 "a hand-over 11 min past the deadline (past the grace)" "SELECT fibrelab.seat_handover('$O2', 2, 1100, 'x')"
refused FL001 "the finish of an offline attempt past the grace" "SELECT fibrelab.seat_finish('$O2', NULL)"
same "open|1|" "$(su "SELECT x.status, s.offline_actions, x.finished_at FROM fibrelab.attempts x JOIN fibrelab.attempt_seats s ON s.attempt_id = x.id WHERE x.uuid = '$O2'")" \
    "it stays open with what came in time, for the trainer to close"
refused FL001 "a first hand-over past the grace" "SELECT fibrelab.seat_handover('$O3', 1, 1000, 'x')"
fin3=$(seat "SELECT fibrelab.seat_finish('$O3', NULL)")
same "$fin3|time-limit||0" "$(su "SELECT x.finished_at, x.ended_by, s.offline_from, s.offline_actions FROM fibrelab.attempts x JOIN fibrelab.attempt_seats s ON s.attempt_id = x.id WHERE x.uuid = '$O3'")" \
    "a seat that handed nothing over: finished at its deadline, by the time limit, no offline mark"
same "1|1|0|1" "$(su "SELECT string_agg(n::text, '|' ORDER BY o) FROM (SELECT o, (SELECT count(*) FROM fibrelab.audit_log l WHERE l.action = 'seat_offline' AND l.target = t) n
      FROM unnest(ARRAY['$O1', '$O2', '$O3', '$O4']) WITH ORDINALITY u(t, o)) z")" \
    "one 'seat_offline' line per attempt handed over (O1, O2, O4), none for O3 (refused)"
su "SELECT fibrelab.set_clock_offset(0)" >/dev/null

echo "== 12 seats at once (one room's login), each start, 20 actions, finish"
su "INSERT INTO fibrelab.trainees (uuid, display_name, created_at)
        SELECT format('d%s-0000-4000-8000-000000000000', lpad(i::text, 7, '0')), 'Seat ' || i, 0
          FROM generate_series(1, 12) i;
    INSERT INTO fibrelab.assignments (uuid, assessment_id, position, trainee_id)
        SELECT 'g-' || t.uuid, a.id, 0, t.id FROM fibrelab.trainees t, fibrelab.assessments a
         WHERE t.display_name LIKE 'Seat %' AND a.key = 'open-1';
    SELECT fibrelab.set_seat_pin(uuid, '4444') FROM fibrelab.trainees WHERE display_name LIKE 'Seat %'" >/dev/null
pids=()
for i in $(seq 1 12); do
    t=$(printf 'd%07d-0000-4000-8000-000000000000' "$i")
    {
        x=$(seat "SELECT attempt FROM fibrelab.seat_start('g-$t', '4444', '0.test')")
        for k in $(seq 0 19); do seat "SELECT fibrelab.seat_append('$x', $k, $((k * 100)), 'Wait(secs: $k)')" >/dev/null; done
        seat "SELECT fibrelab.seat_finish('$x', NULL)" >/dev/null
    } > "$DIR/seat$i.log" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a seat failed: $(cat "$DIR"/seat*.log)"; done
same "12|240|24" "$(su "SELECT count(DISTINCT x.id), count(y.*), (SELECT count(*) FROM fibrelab.seals s JOIN fibrelab.attempts z ON z.uuid = s.subject JOIN fibrelab.trainees t ON t.id = z.trainee_id WHERE t.display_name LIKE 'Seat %')
     FROM fibrelab.attempts x JOIN fibrelab.trainees t ON t.id = x.trainee_id JOIN fibrelab.actions y ON y.attempt_id = x.id
    WHERE t.display_name LIKE 'Seat %' AND x.status = 'finished'")" "12 attempts finished, 240 actions, 24 seals"

echo "== the worker (the audit writer) cannot be reached: the seat is offline, nothing done"
su "UPDATE fibrelab_secret.audit_link SET conninfo = replace(conninfo, 'host=127.0.0.1', 'host=127.0.0.2')" >/dev/null
before=$(su "SELECT count(*) FROM fibrelab.audit_log")
refused 08001 "finish a finished attempt, no worker: offline (08xxx), not refused" "SELECT fibrelab.seat_finish('$X1', NULL)"
same "$before" "$(su "SELECT count(*) FROM fibrelab.audit_log")" "nothing written in the audit log"
su "UPDATE fibrelab_secret.audit_link SET conninfo = replace(conninfo, 'host=127.0.0.2', 'host=127.0.0.1')" >/dev/null

echo "== issue 25: nothing a seat function does depends on the seat's transaction"
# A start in a transaction rolled back: the attempt, its number, its seal and its audit
# stay (no rehearsal off the clock: the next start is a new draw or the same attempt).
GR=gr1-0000-4000-8000-000000000000
su "INSERT INTO fibrelab.assessments (uuid, key, cohort_id, title, kind, opens_at, closes_at, time_limit_s,
                                      attempts_allowed, seed_policy, base_seed, feedback, created_by, created_at)
        SELECT 'e0000000-0000-4000-8000-000000000010', 'rollback-1', c.id, 'rollback-1', 'final',
               fibrelab.now_ms() - 60000, fibrelab.now_ms() + 86400000, 1800, 2, 'per_trainee', 5, 'none', 'trainer',
               fibrelab.now_ms() FROM fibrelab.cohorts c;
    INSERT INTO fibrelab.assessment_items (assessment_id, position, scenario_id, scenario_hash, scenario_source)
        SELECT a.id, 0, 'splice-basic', encode(sha256('(id: \"splice-basic\")'::bytea), 'hex'), '(id: \"splice-basic\")'
          FROM fibrelab.assessments a WHERE a.key = 'rollback-1';
    INSERT INTO fibrelab.assignments (uuid, assessment_id, position, trainee_id)
        SELECT CASE WHEN t.uuid = '$C' THEN '$GR' ELSE 'gr2-0000-4000-8000-000000000000' END, a.id, 0, t.id
          FROM fibrelab.assessments a, fibrelab.trainees t WHERE a.key = 'rollback-1' AND t.uuid IN ('$C', '$A')" >/dev/null
XR=$(seat "BEGIN" "SELECT attempt FROM fibrelab.seat_start('$GR', '3333', '0.test')" "ROLLBACK")
[ -n "$XR" ] || fail "no attempt started in the rolled-back transaction"
same "1|open|1" "$(su "SELECT count(*), max(x.status), (SELECT count(*) FROM fibrelab.seals s WHERE s.subject = '$XR' AND s.kind = 'start') FROM fibrelab.attempts x JOIN fibrelab.assignments g ON g.id = x.assignment_id WHERE g.uuid = '$GR'")" \
    "a start rolled back by the seat still counts: the attempt is there, open, sealed"
same "$XR|t" "$(seat "SELECT attempt, resumed FROM fibrelab.seat_start('$GR', '3333', '0.test')")" \
    "the next start resumes that attempt (no fresh rehearsal)"
seat "BEGIN" "SELECT fibrelab.seat_append('$XR', 0, 100, 'Wait(secs: 0)')" "ROLLBACK" >/dev/null
same "1" "$(su "SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$XR'")" \
    "an append rolled back by the seat still counts"
refused FL012 "the rolled-back action sent again" "SELECT fibrelab.seat_append('$XR', 0, 100, 'x')"
before=$(su "SELECT count(*) FROM fibrelab.audit_log WHERE action = 'seat_refused'")
seat "BEGIN" "SELECT fibrelab.seat_append('$XR', 7, 100, 'x')" "ROLLBACK" >/dev/null 2>&1 || true
fl_refusals=$((fl_refusals + 1))
same "$((before + 1))" "$(su "SELECT count(*) FROM fibrelab.audit_log WHERE action = 'seat_refused'")" \
    "a refusal inside a rolled-back transaction is audited"
# A seat's open transaction holds no lock another seat waits for: one seat starts an
# attempt (a seal: the seals' lock) and appends (the attempt's row) and sits in its
# transaction; another seat hands an attempt in (a seal) meanwhile, at once.
GR2=gr2-0000-4000-8000-000000000000
{ psql -X -q -At -v ON_ERROR_STOP=1 "$PGH_SEAT_DSN" >"$DIR/holder.log" 2>&1 <<SQL
BEGIN;
SELECT attempt FROM fibrelab.seat_start('$GR2', '1111', '0.test');
SELECT fibrelab.seat_append('$XR', 1, 200, 'Wait(secs: 1)');
\\! sleep 8
ROLLBACK;
SQL
} &
holder=$!
sleep 3
t0=$(date +%s%N)
seat2 "SELECT fibrelab.seat_finish('$XB', NULL)" >/dev/null
seat "SELECT fibrelab.seat_append('$XR', 2, 300, 'Wait(secs: 2)')" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$ms" -lt 3000 ] || fail "another seat waited ${ms} ms on a seat's open transaction"
ok "another seat seals and appends while a seat sits in its transaction (${ms} ms)"
wait "$holder" || fail "the seat in its transaction failed: $(cat "$DIR/holder.log")"

echo "== issue 25: a wrong PIN is counted before it is checked, even when its audit line fails"
# The seals' lock held elsewhere (a trainer's FibreLab sealing): each wrong PIN's audit line
# cannot be written (it waits, then goes to the server's log); the tries are counted anyway.
O5=f0000005-0000-4000-8000-000000000000
su "BEGIN" "LOCK TABLE fibrelab.seals IN EXCLUSIVE MODE" "SELECT pg_sleep(17)" "COMMIT" >/dev/null &
locker=$!
sleep 1
for i in 1 2 3; do
    out=$(seat "SELECT * FROM fibrelab.seat_assignments('$O5', '000$i')" 2>&1) && fail "wrong PIN $i opened: $out"
    grep -q "ERROR:  FL002:" <<<"$out" || fail "wrong PIN $i with the seals locked: $out"
done
ok "3 wrong PINs with the seals locked: refused (their audit lines not written)"
same "3" "$(su "SELECT failures FROM fibrelab_secret.pin_state s JOIN fibrelab.trainees t ON t.id = s.trainee_id WHERE t.uuid = '$O5'")" \
    "the 3 wrong PINs are counted although their audit lines were not written"
wait "$locker"
su "SELECT fibrelab.set_clock_offset(6000)" >/dev/null
same "2" "$(seat "SELECT count(*) FROM fibrelab.seat_assignments('$O5', '5555')")" "after the wait the right PIN opens"
same "0" "$(su "SELECT failures FROM fibrelab_secret.pin_state s JOIN fibrelab.trainees t ON t.id = s.trainee_id WHERE t.uuid = '$O5'")" \
    "and puts the count back to 0"
su "SELECT fibrelab.set_clock_offset(0)" >/dev/null

echo "== issue 25: the disk: every text capped, actions capped and not faster than a hand"
long64=$(printf 'x%.0s' $(seq 1 65))
refused FL014 "a trainee id of 65 bytes" "SELECT * FROM fibrelab.seat_assignments('$long64', '1111')"
refused FL014 "a PIN of 13 characters" "SELECT * FROM fibrelab.seat_assignments('$A', '1111111111111')"
refused FL014 "an assignment id of 65 bytes" "SELECT * FROM fibrelab.seat_start('$long64', '1111', '0.test')"
refused FL014 "a PIN of 13 characters to start" "SELECT * FROM fibrelab.seat_start('$GA', '1111111111111', '0.test')"
refused FL014 "an attempt id of 65 bytes (append)" "SELECT fibrelab.seat_append('$long64', 0, 0, 'x')"
refused FL014 "an attempt id of 65 bytes (hand-over)" "SELECT fibrelab.seat_handover('$long64', 0, 0, 'x')"
refused FL014 "an attempt id of 65 bytes (log)" "SELECT * FROM fibrelab.seat_log('$long64')"
refused FL014 "an attempt id of 65 bytes (finish)" "SELECT fibrelab.seat_finish('$long64', NULL)"
refused FL014 "a claimed grade of 1048577 bytes" "SELECT fibrelab.seat_finish('$XR', repeat('x', 1048577))"
same "0" "$(su "SELECT count(*) FROM fibrelab.audit_log WHERE target LIKE '%xxxxxxxxxxxxxxxxxxxx%' OR detail LIKE '%xxxxxxxxxxxxxxxxxxxx%'")" \
    "no refusal wrote the long value in the audit log"
n0=$(su "SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$XR'")
refused FL017 "more than 50 appends in 1 s" "DO \$\$ BEGIN FOR i IN $n0..$((n0 + 60)) LOOP PERFORM fibrelab.seat_append('$XR', i, 1000 + i, 'Wait(secs: 0)'); END LOOP; END \$\$"
n1=$(su "SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id WHERE x.uuid = '$XR'")
[ "$n1" -ge 50 ] && [ "$n1" -le $((n0 + 50)) ] || fail "appends in 1 s: $n0 before, $n1 after"
ok "the appends past 50 in 1 s refused ($((n1 - n0)) taken)"
same "1" "$(su "SELECT count(*) FROM fibrelab.audit_log WHERE id = (SELECT max(id) FROM fibrelab.audit_log) AND detail LIKE 'FL017 too-fast: more than 50 actions%(client 127.0.0.1)'")" \
    "the refusal's audit line names the seat's address"
sleep 1.1
su "CREATE OR REPLACE FUNCTION fibrelab_secret.max_actions() RETURNS bigint LANGUAGE sql IMMUTABLE SET search_path = fibrelab, pg_temp AS 'SELECT $n1::bigint'" >/dev/null
refused FL014 "an action past the most an attempt may have (max_actions lowered to $n1)" "SELECT fibrelab.seat_append('$XR', $n1, 5000, 'x')"
refused FL014 "a hand-over past the most an attempt may have" "SELECT fibrelab.seat_handover('$XR', $n1, 5000, 'x')"
PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$PGH_SUPERUSER_DSN" -f "$root/src/records/pg/seat.sql" >/dev/null
same "5000" "$(su "SELECT fibrelab_secret.max_actions()")" "seat.sql run again: 5000 actions at most"

echo "== what the server wrote"
refusals=$(grep -c . <<<"$(su "SELECT id FROM fibrelab.audit_log WHERE who IN ('seat_room_b12', 'seat_room_c4') AND action IN ('seat_refused', 'pin_wrong')")")
same "$fl_refusals" "$refusals" "each of the $fl_refusals refusals in the audit log, by the seat's login"
same "0" "$(su "SELECT count(*) FROM fibrelab.audit_log l WHERE NOT EXISTS (SELECT 1 FROM fibrelab.seals s WHERE s.subject = 'audit/' || l.id AND s.kind = 'audit')")" \
    "every audit line sealed"
# The chain, the action MACs and the attempts' digests recomputed from the key.
same "0" "$(su "WITH k AS (SELECT bytes FROM fibrelab_secret.school_key)
    SELECT count(*) FROM fibrelab.seals s, k
     WHERE s.mac <> fibrelab_secret.mac(k.bytes, format('fibrelab-seal-v1|%s|%s|%s|%s|%s', s.seq, s.subject, s.kind, s.digest,
                     coalesce((SELECT p.mac FROM fibrelab.seals p WHERE p.seq = s.seq - 1), '')))
        OR s.seq <> (SELECT count(*) FROM fibrelab.seals p WHERE p.seq <= s.seq)")" \
    "the seal chain holds"
same "0" "$(su "WITH k AS (SELECT bytes FROM fibrelab_secret.school_key)
    SELECT count(*) FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id, k
     WHERE y.mac IS DISTINCT FROM fibrelab_secret.action_mac(k.bytes, x.uuid, y.seq, y.at_ms, y.recorded_at, y.action,
                     coalesce((SELECT p.mac FROM fibrelab.actions p WHERE p.attempt_id = y.attempt_id AND p.seq = y.seq - 1), ''))")" \
    "every action's MAC chains on the previous one"
same "0" "$(su "SELECT count(*) FROM fibrelab.seals s JOIN fibrelab.attempts x ON x.uuid = s.subject
     WHERE s.kind IN ('start', 'end') AND s.seq = (SELECT max(p.seq) FROM fibrelab.seals p WHERE p.subject = s.subject AND p.kind = s.kind)
       AND s.digest <> fibrelab_secret.attempt_digest(x.id, s.kind = 'end')")" \
    "each attempt's last seals are its record's digests"

echo "attack.sh: all $checks checks passed"
