#!/usr/bin/env bash
# Holds the server's SQL formulas to FibreLab's Rust ones: a SQLite store made by the real
# program with a known key, then a PostgreSQL (tests/pg/harness.sh) with the same key must
# give, for the same values:
#   - the same seed for each assessment, item, trainee and attempt number (1, 2 and 3; the
#     three seed policies), as `assess show --json` prints them (seed_for);
#   - the same base seed for an assessment made without one (base_seed_for);
#   - the same key fingerprint (the store's setting seal.key);
#   - the same MAC for every seal of the store's chain (chain_message, SchoolKey::mac);
#   - the same Start and End digest for each attempt, its rows copied into PostgreSQL
#     (attempt_digest, log_digest: JSON escaping of a name with " \ and é, f64 bits of the
#     score, a grade JSON);
#   - the same MAC for each action (action_mac) and digest for each audit line.
#
#   tests/pg/crosscheck.sh [FIBRELAB_BIN]   (default: $FIBRELAB_BIN, else target/debug/fibrelab)
# Needs sqlite3 and what harness.sh needs. Runs from the repository (its scenarios and
# tests/scripts).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${1:-${FIBRELAB_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/fibrelab}}
[ -x "$BIN" ] || { echo "crosscheck.sh: no FibreLab program at $BIN" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "crosscheck.sh: sqlite3 is needed" >&2; exit 1; }

T=$(mktemp -d /tmp/fibrelab-pg-crosscheck.XXXXXX)
chmod 755 "$T"
trap '"$here/harness.sh" stop "$T/pg" || true; rm -rf "$T"' EXIT
fail() { echo "crosscheck.sh: MISMATCH: $*" >&2; exit 1; }

KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
printf '# FibreLab school key for tests/pg/crosscheck.sh\n%s\n' "$KEY" > "$T/school.key"
export FIBRELAB_DB=$T/store.db FIBRELAB_SCHOOL_KEY=$T/school.key FIBRELAB_LANG=en
export FIBRELAB_NEW_PIN=123456 FIBRELAB_TRAINER_PIN=123456
NAME='Élodie "Lou" N\'
cd "$root"
{
    "$BIN" trainer add X
    "$BIN" cohort create "CAP 2025"
    "$BIN" trainee add --cohort "CAP 2025" "$NAME"
    "$BIN" trainee add --cohort "CAP 2025" Bob
    "$BIN" assess create --cohort "CAP 2025" --id xc-trainee --title "XC per trainee" \
        --scenario splice-first-fusion-practice --scenario splice-mixed-fibres-practice \
        --kind final --attempts 3 --seed per-trainee --feedback none --time-limit 30 \
        --scenarios-dir scenarios
    "$BIN" assess create --cohort "CAP 2025" --id xc-fixed --title "XC fixed" \
        --scenario splice-first-fusion-practice --kind final --attempts 3 --seed fixed \
        --base-seed 17000000000000000000 --feedback none --scenarios-dir scenarios
    "$BIN" assess create --cohort "CAP 2025" --id xc-attempt --title "XC per attempt" \
        --scenario splice-first-fusion-practice --kind formative --attempts 3 --seed per-attempt \
        --base-seed 42 --feedback immediate --scenarios-dir scenarios
    "$BIN" play --trainee Bob --seed 7 --actions tests/scripts/splice-first-fusion-practice.mistakes.ron \
        splice-first-fusion-practice
    "$BIN" play --trainee "$NAME" --seed 9 --actions tests/scripts/splice-mixed-fibres-practice.clean.ron \
        splice-mixed-fibres-practice
} > "$T/make.log" 2>&1 || { cat "$T/make.log" >&2; echo "crosscheck.sh: could not make the store" >&2; exit 1; }

# The seeds of attempts 1, 2 and 3 as the program prints them: attempts of each assignment
# added behind its back in copies of the store (`assess show` counts them).
shows=()
for n in 0 1 2; do
    db=$T/store$n.db
    cp "$T/store.db" "$db"
    for _ in $(seq 1 "$n"); do
        sqlite3 "$db" "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                started_at, status, program_version, uuid, assignment_id, trainee_id)
            SELECT i.scenario_id, 'x', 'x', 0, 'x', 0, 'closed', 'x', lower(hex(randomblob(16))), g.id, g.trainee_id
              FROM assignments g JOIN assessment_items i ON i.assessment_id = g.assessment_id AND i.position = g.position"
    done
    for a in xc-trainee xc-fixed xc-attempt; do
        shows+=("$(FIBRELAB_DB=$db "$BIN" assess show --json "$a")")
    done
done

"$here/harness.sh" start "$T/pg" "$T/school.key" > "$T/harness.log"
# shellcheck disable=SC1091
. "$T/pg/env"

# The store's rows as INSERTs for the same tables in PostgreSQL (reals with 17 digits: the
# same f64).
rows() { # rows TABLE COLUMNS...
    local t=$1
    shift
    local expr="" c
    for c in "$@"; do
        case $c in
            score) c="CASE WHEN score IS NULL THEN 'NULL' ELSE printf('%!.17g', score) END" ;;
            bytes) c="'''\\x'''" ;;
            *) c="quote($c)" ;;
        esac
        expr="${expr:+$expr || ',' || }$c"
    done
    sqlite3 "$T/store.db" "SELECT 'INSERT INTO fibrelab.$t VALUES (' || $expr || ');' FROM $t"
}
{
    echo "SET client_min_messages = warning;"
    rows trainees id uuid display_name external_ref pin_hash created_at archived_at erased_at
    rows attempts id scenario_id scenario_hash scenario_source seed trainee started_at status \
        finished_at score passed grade_json program_version uuid trainee_id assignment_id \
        deadline_at time_limit_ms origin ended_by scenario_path received_from code
    rows actions attempt_id seq at_ms recorded_at action mac
    rows attempt_files attempt_id name sha256 bytes
    rows audit_log id at who action target detail
    rows settings key value
    echo "CREATE TABLE public.xseals (seq bigint, subject text, kind text, digest text, mac text);"
    sqlite3 "$T/store.db" "SELECT 'INSERT INTO public.xseals VALUES (' || quote(seq) || ',' || quote(subject)
        || ',' || quote(kind) || ',' || quote(digest) || ',' || quote(mac) || ');' FROM seals"
    echo "CREATE TABLE public.shows (j jsonb);"
    for s in "${shows[@]}"; do
        printf "INSERT INTO public.shows VALUES (\$json\$%s\$json\$);\n" "$s"
    done
} > "$T/load.sql"
psql -X -q -v ON_ERROR_STOP=1 "$PGH_SUPERUSER_DSN" -f "$T/load.sql" > /dev/null

q() { psql -X -q -At -v ON_ERROR_STOP=1 "$PGH_SUPERUSER_DSN" -c "$1"; }
# check WHAT SQL: SQL gives "compared|different" (and compared > 0, different = 0)
check() {
    local r
    r=$(q "$2")
    IFS='|' read -r compared different <<<"$r"
    [ "$compared" -gt 0 ] || fail "$1: nothing compared"
    [ "$different" = 0 ] || fail "$1: $different of $compared differ: $(q "${3:-SELECT 1}")"
    echo "ok  $1: $compared the same"
}

check "seeds (seed_for) of attempts 1 to 3, three policies" "
    WITH g AS (SELECT s.j AS a, x AS g FROM public.shows s, jsonb_array_elements(s.j -> 'assignments') x),
    c AS (SELECT g ->> 'seed' AS rust,
                 fibrelab_secret.u64_text(fibrelab.seed_for(a ->> 'seed_policy',
                     (CASE WHEN (a ->> 'base_seed')::numeric >= 9223372036854775808
                           THEN (a ->> 'base_seed')::numeric - 18446744073709551616
                           ELSE (a ->> 'base_seed')::numeric END)::bigint,
                     a ->> 'id', (g ->> 'position')::bigint, g ->> 'trainee',
                     (g ->> 'attempts_used')::bigint + 1)) AS pg
            FROM g)
    SELECT count(*), count(*) FILTER (WHERE rust IS DISTINCT FROM pg) FROM c"
same_attempts=$(q "SELECT string_agg(DISTINCT (x ->> 'attempts_used'), ',') FROM public.shows s, jsonb_array_elements(s.j -> 'assignments') x")
[ "$same_attempts" = "0,1,2" ] || fail "the copies did not count attempts 1 to 3: $same_attempts"
check "base seed made with the key (base_seed_for)" "
    SELECT count(*), count(*) FILTER (WHERE fibrelab_secret.u64_text(fibrelab.base_seed_for(j ->> 'id')) <> j ->> 'base_seed')
      FROM public.shows WHERE j ->> 'id' = 'xc-trainee'"
check "key fingerprint (setting seal.key)" "
    SELECT count(*), count(*) FILTER (WHERE s.value <> fibrelab_secret.fingerprint(k.bytes))
      FROM fibrelab.settings s, fibrelab_secret.school_key k WHERE s.key = 'seal.key'"
check "seal MACs of the store's whole chain (chain_message)" "
    SELECT count(*), count(*) FILTER (WHERE s.mac <> fibrelab_secret.mac(k.bytes,
               format('fibrelab-seal-v1|%s|%s|%s|%s|%s', s.seq, s.subject, s.kind, s.digest,
                      coalesce((SELECT p.mac FROM public.xseals p WHERE p.seq = s.seq - 1), ''))))
      FROM public.xseals s, fibrelab_secret.school_key k"
for kind in start end; do
    check "attempt $kind digests (attempt_digest)" "
        SELECT count(*), count(*) FILTER (WHERE s.digest <> fibrelab_secret.attempt_digest(x.id, '$kind' = 'end'))
          FROM fibrelab.attempts x JOIN public.xseals s ON s.subject = x.uuid AND s.kind = '$kind'
         WHERE s.seq = (SELECT max(p.seq) FROM public.xseals p WHERE p.subject = x.uuid AND p.kind = '$kind')" \
        "SELECT string_agg(x.uuid, ' ') FROM fibrelab.attempts x"
done
check "action MACs (action_mac)" "
    SELECT count(*), count(*) FILTER (WHERE y.mac IS DISTINCT FROM fibrelab_secret.action_mac(k.bytes, x.uuid, y.seq,
               y.at_ms, y.recorded_at, y.action,
               coalesce((SELECT p.mac FROM fibrelab.actions p WHERE p.attempt_id = y.attempt_id AND p.seq = y.seq - 1), '')))
      FROM fibrelab.actions y JOIN fibrelab.attempts x ON x.id = y.attempt_id, fibrelab_secret.school_key k"
check "audit line digests (values_digest of AUDIT)" "
    SELECT count(*), count(*) FILTER (WHERE s.digest <> fibrelab_secret.audit_digest(l.id))
      FROM fibrelab.audit_log l JOIN public.xseals s ON s.subject = 'audit/' || l.id AND s.kind = 'audit'"
# The name with " \ and é is in a digest that matched (its `who`).
q "SELECT count(*) FROM fibrelab.attempts WHERE trainee = \$n\$$NAME\$n\$" | grep -qx 1 \
    || fail "the attempt of '$NAME' was not compared"
echo "crosscheck.sh: the server's formulas give FibreLab's values"
