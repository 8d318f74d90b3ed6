#!/usr/bin/env bash
# A real PostgreSQL on loopback for FibreLab's tests, set up as a school's would be:
# scram-sha-256 passwords, TLS on (a self-signed certificate made here), seats only over
# TLS, FibreLab's tables (tests/pg/ddl.sh), its roles (roles.sql), its seat functions
# (seat.sql), two rooms' logins, a trainer's login and the school's key.
#
#   tests/pg/harness.sh start DIR [KEYFILE]   starts it in DIR (made, or empty); prints the
#                                             port and the DSNs, and writes them in DIR/env
#                                             (shell syntax: `. DIR/env`)
#   tests/pg/harness.sh stop DIR              stops it and removes DIR
#   HARNESS_BARE=1 tests/pg/harness.sh start DIR
#                                             the server and an empty database only
#                                             (FibreLab's `school server setup` does the rest)
#
# KEYFILE: a FibreLab school key file (64 hex digits, `#` comment lines allowed); by default
# a new random key, written in DIR/school.key.
# PostgreSQL refuses to run as root: when run as root, the server and psql run as the
# `postgres` system user (DIR must then be reachable by it: a folder under /tmp is).
# Needs PostgreSQL 15 or later (PG_BIN, default /usr/lib/postgresql/15/bin) with its contrib
# extensions (pgcrypto, dblink), and openssl.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sql="$root/src/records/pg"
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
DB=fibrelab

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

die() { echo "harness.sh: $*" >&2; exit 1; }

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    die "no free TCP port found"
}

# psql as the superuser over the unix socket; SQL on stdin.
su_psql() {
    PGOPTIONS="-c client_min_messages=warning" \
    as_pg "$PG_BIN/psql" -X -q -h "$DIR/sock" -p "$PORT" -U postgres -d "${1:-$DB}" \
        -v ON_ERROR_STOP=1 "${@:2}"
}

start() {
    local t0=$SECONDS t0n
    t0n=$(date +%s%N)
    mkdir -p "$DIR"
    [ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty"
    [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL in $PG_BIN (set PG_BIN)"
    DIR=$(cd "$DIR" && pwd)
    mkdir -p "$DIR/sock"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$DIR"; fi
    chmod 700 "$DIR"
    PORT=$(free_port)
    local su_pw seat_pw seat2_pw trainer_pw
    su_pw=$(openssl rand -hex 16)
    seat_pw=$(openssl rand -hex 16)
    seat2_pw=$(openssl rand -hex 16)
    trainer_pw=$(openssl rand -hex 16)
    printf '%s\n' "$su_pw" > "$DIR/su.pw"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR/su.pw"; fi

    as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C \
        --auth-local=peer --auth-host=scram-sha-256 --pwfile="$DIR/su.pw" >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    # The school's certificate authority (DIR/ca.crt, what each seat is given to trust)
    # and the server's certificate it signs, for 127.0.0.1 and localhost: FibreLab checks
    # the server's name and its signature, as a seat must.
    as_pg openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=FibreLab test school CA" \
        -keyout "$DIR/ca.key" -out "$DIR/ca.crt" >/dev/null 2>&1 || die "openssl (CA) failed"
    as_pg openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$DIR/data/server.key" -out "$DIR/server.csr" >/dev/null 2>&1 \
        || die "openssl (request) failed"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > "$DIR/san.ext"
    as_pg openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" \
        -CAcreateserial -days 2 -extfile "$DIR/san.ext" -out "$DIR/data/server.crt" \
        >/dev/null 2>&1 || die "openssl (signing) failed"
    chmod 600 "$DIR/data/server.key"
    chmod 644 "$DIR/ca.crt"
    cat >>"$DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR/sock'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
password_encryption = 'scram-sha-256'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = log
EOF
    # Who connects how: the superuser by the socket (peer) or loopback (password); the audit
    # writer on loopback; seats and trainers only over TLS; anything else refused.
    cat >"$DIR/data/pg_hba.conf" <<EOF
local     all  postgres                      peer
host      all  postgres        127.0.0.1/32  scram-sha-256
host      $DB  fibrelab_audit  127.0.0.1/32  scram-sha-256
hostssl   $DB  +fibrelab_seat  127.0.0.1/32  scram-sha-256
hostssl   $DB  +fibrelab_trainer 127.0.0.1/32 scram-sha-256
host      all  all             0.0.0.0/0     reject
local     all  all                           reject
EOF
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null \
        || { cat "$DIR/server.log" >&2; die "the server did not start"; }

    echo "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0;" | su_psql postgres
    local base="127.0.0.1:$PORT/$DB"
    if [ -n "${HARNESS_BARE:-}" ]; then
        # An empty database on a running server: FibreLab's own setup command does the rest.
        cat >"$DIR/env" <<EOF
PGH_DIR='$DIR'
PGH_PORT=$PORT
PGH_DB=$DB
PGH_CA='$DIR/ca.crt'
PGH_SUPERUSER_DSN='postgresql://postgres:$su_pw@$base'
EOF
        chmod 644 "$DIR/env"
        echo "env $DIR/env"
        return
    fi
    # The school's database as FibreLab's setup makes it: roles, tables as the owner, roles
    # again (ownership, grants), the seat functions, the rooms, a trainer, the key.
    su_psql < "$sql/roles.sql"
    { echo "SET ROLE fibrelab_owner;"; "$here/ddl.sh"; } | su_psql
    su_psql < "$sql/roles.sql"
    su_psql < "$sql/seat.sql"
    local room pw
    for room in seat_room_b12:$seat_pw seat_room_c4:$seat2_pw; do
        pw=${room#*:}
        room=${room%%:*}
        { echo "SELECT set_config('fibrelab.seat_role', '$room', false) \\g /dev/null"
          echo "SELECT set_config('fibrelab.seat_password', '$pw', false) \\g /dev/null"
          cat "$sql/seat_room.sql"; } | su_psql
    done
    echo "CREATE ROLE trainer_test LOGIN PASSWORD '$trainer_pw' IN ROLE fibrelab_trainer;" | su_psql

    local key
    if [ -n "${KEYFILE:-}" ]; then
        key=$(grep -v '^[[:space:]]*#' "$KEYFILE" | tr -d '[:space:]')
    else
        key=$(openssl rand -hex 32)
        printf '# FibreLab school key made by tests/pg/harness.sh\n%s\n' "$key" > "$DIR/school.key"
    fi
    [[ "$key" =~ ^[0-9a-fA-F]{64}$ ]] || die "the key file does not hold 64 hex digits"
    echo "INSERT INTO fibrelab_secret.school_key (bytes) VALUES (decode('$key', 'hex'));" | su_psql

    cat >"$DIR/env" <<EOF
PGH_DIR='$DIR'
PGH_PORT=$PORT
PGH_SOCKET='$DIR/sock'
PGH_DB=$DB
PGH_SUPERUSER_DSN='postgresql://postgres:$su_pw@$base'
PGH_TRAINER_DSN='postgresql://trainer_test:$trainer_pw@$base?sslmode=require'
PGH_SEAT_DSN='postgresql://seat_room_b12:$seat_pw@$base?sslmode=require'
PGH_SEAT2_DSN='postgresql://seat_room_c4:$seat2_pw@$base?sslmode=require'
PGH_CA='$DIR/ca.crt'
PGH_SEAT_NOSSL_DSN='postgresql://seat_room_b12:$seat_pw@$base?sslmode=disable'
EOF
    chmod 644 "$DIR/env"
    local ms=$(( ($(date +%s%N) - t0n) / 1000000 ))
    echo "port $PORT"
    echo "dsn postgresql://postgres:$su_pw@$base"
    echo "seat dsn postgresql://seat_room_b12:$seat_pw@$base?sslmode=require"
    echo "env $DIR/env"
    echo "started in $ms ms"
    : "$t0"
}

stop() {
    [ -d "$DIR" ] || return 0
    if [ -f "$DIR/data/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}

cmd=${1:-}
DIR=${2:-}
KEYFILE=${3:-}
[ -n "$DIR" ] || die "usage: harness.sh start DIR [KEYFILE] | stop DIR"
case "$cmd" in
    start) start ;;
    stop) stop ;;
    *) die "usage: harness.sh start DIR [KEYFILE] | stop DIR" ;;
esac
