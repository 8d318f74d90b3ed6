#!/usr/bin/env bash
# Tries the README's section "Une salle sur un serveur PostgreSQL / A room on a PostgreSQL
# server" as a school's IT would: every ```sh block of the section, copied as written and
# run in order, on a fresh PostgreSQL cluster started here (as the postgres account, in a
# folder of its own under /tmp, on a free port: no other cluster is touched), with the
# passwords and PINs typed at a terminal (pexpect). Then it checks what the section says
# the commands give: the seat connects and reads nothing, a dump restored after the
# database and its logins were dropped gives the trainer's store back.
#
#   tests/pg/readme.sh [FIBRELAB_BIN]   (default: $FIBRELAB_BIN, else
#                                        ${CARGO_TARGET_DIR:-target}/debug/fibrelab)
#
# What the section's example names stand for here (and only that is changed in its text):
#   /etc/postgresql/15/main, /var/lib/postgresql/15/main   the cluster's folder, $T/data
#                                        (made as Debian makes it: conf.d included)
#   srv-fibrelab.ecole.local:5432        localhost:PORT (its certificate is for localhost
#                                        and 127.0.0.2)
#   192.168.10.5                         127.0.0.2 (the server's address on the network)
#   192.168.10.0/24, 192.168.10.20/32    127.0.0.0/8, 127.0.0.1/32 (the network, the
#                                        trainer's PC: every client here is 127.0.0.1)
#   /etc/fibrelab, /etc/environment      $T/etc-fibrelab, $T/environment
#   ~                                    $T/home
#   sudo                                 itself when root; sudo -u postgres: runuser to the
#                                        cluster's socket and port
#   apt install                          checks the packages are there (CI installs them)
#   systemctl restart postgresql         pg_ctl restart of this cluster
# Runs as root (the section's sudo), with what harness.sh needs and python3's pexpect.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${1:-${FIBRELAB_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/fibrelab}}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
die() { echo "readme.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run it as root (the section's commands use sudo)"
[ -x "$BIN" ] || die "no FibreLab program at $BIN"
[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL in $PG_BIN (set PG_BIN)"
python3 -c "import pexpect" 2>/dev/null || die "python3's pexpect is needed (apt-get install python3-pexpect)"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

T=$(mktemp -d /tmp/fibrelab-pg-readme.XXXXXX)
chmod 755 "$T"
cleanup() {
    if [ -f "$T/data/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$T/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$T"
}
trap cleanup EXIT

port=""
for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || die "no free TCP port"

# The section's ```sh blocks, in order, its example names put on this machine.
awk '/^## Une salle sur un serveur PostgreSQL/ { on = 1; next }
     on && /^## / { exit }
     on && /^```sh$/ { n++; inb = 1; print "#### block " n; next }
     on && inb && /^```$/ { inb = 0; next }
     on && inb { print }' "$root/README.md" > "$T/blocks.sh"
grep -q '^#### block 10$' "$T/blocks.sh" || die 'the README section has not the 10 sh blocks this trial follows'
sed -i -e "s#/etc/postgresql/15/main#$T/data#g" -e "s#/var/lib/postgresql/15/main#$T/data#g" \
    -e "s#srv-fibrelab.ecole.local:5432#localhost:$port#g" -e "s#srv-fibrelab.ecole.local#localhost#g" \
    -e "s#192\.168\.10\.5#127.0.0.2#g" -e "s#192\.168\.10\.0/24#127.0.0.0/8#g" \
    -e "s#192\.168\.10\.20/32#127.0.0.1/32#g" -e "s#/etc/fibrelab#$T/etc-fibrelab#g" \
    -e "s#/etc/environment#$T/environment#g" "$T/blocks.sh"
block() { awk -v n="$1" '/^#### block / { on = ($3 == n); next } on' "$T/blocks.sh"; }

# A PostgreSQL as Debian's package leaves it: a cluster, its settings including conf.d,
# local connections by peer, started.
mkdir -p "$T/data" "$T/sock" "$T/log" "$T/home"
chown postgres: "$T/data" "$T/sock" "$T/log"
runuser -u postgres -- "$PG_BIN/initdb" -D "$T/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$T/initdb.log" 2>&1 || { cat "$T/initdb.log" >&2; die "initdb failed"; }
cat >>"$T/data/postgresql.conf" <<EOF
port = $port
unix_socket_directories = '$T/sock'
fsync = off
include_dir = 'conf.d'
EOF
runuser -u postgres -- mkdir "$T/data/conf.d"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$T/data" -l "$T/log/server.log" -w start >/dev/null \
    || { cat "$T/log/server.log" >&2; die "the server did not start"; }

# The shell the blocks run in: what the example's machine commands stand for here.
cat >"$T/prelude.sh" <<EOF
set -euo pipefail
export HOME='$T/home' FIBRELAB_LANG=fr FIBRELAB_SCHOOL_KEY='$T/trainer-pc/school.key'
unset FIBRELAB_DB FIBRELAB_DB_PASSWORD FIBRELAB_TRAINER_PIN FIBRELAB_NEW_PIN \
    FIBRELAB_TRAINER_PASSWORD FIBRELAB_ROOM_PASSWORD
cd
sudo() {
    if [ "\$1" = -u ]; then
        local user=\$2
        shift 2
        runuser -u "\$user" -- env PGHOST='$T/sock' PGPORT=$port "\$@"
    else
        "\$@"
    fi
}
apt() { [ "\$1" = install ] || return 1; shift; dpkg -s "\$@" >/dev/null; }
systemctl() {
    [ "\$*" = "restart postgresql" ] || return 1
    runuser -u postgres -- '$PG_BIN/pg_ctl' -D '$T/data' -l '$T/log/server.log' -w restart >/dev/null
}
fibrelab() { '$BIN' "\$@"; }
step() { echo; echo "==== \$*"; }
# Not echoed (set -x): the commands' text holds the prompts the typist answers.
trap 'echo "readme.sh: failed: \$BASH_COMMAND"' ERR
EOF

{
    cat "$T/prelude.sh"
    for n in 1 2 3 4 5 6 7; do
        echo "step 'block $n'"; block "$n"
    done
    # An attempt in the server's store (played by the trainer's PC), for the restore to keep.
    echo "step 'an attempt played on the server'"
    echo "fibrelab play '$root/scenarios/splice/first-fusion-practice.ron' --seed 7 --trainee Essai \\"
    echo "    --actions '$root/tests/scripts/splice-first-fusion-practice.clean.ron' > /dev/null"
    # Block 8, on a seat: the trainer's variables are not there; the check after a new login
    # (/etc/environment read as pam_env reads it: NAME=VALUE, the value as it is).
    echo "step 'block 8 (a seat)'"
    echo "unset FIBRELAB_DB FIBRELAB_DB_PASSWORD"
    block 8 | grep -v '^fibrelab attempts$'
    block 8 | grep -qx 'fibrelab attempts' || echo "echo 'block 8 lost its check'; exit 1"
    echo "( while IFS== read -r k v; do export \"\$k=\$v\"; done < '$T/environment'; fibrelab attempts ) > '$T/seat.out' 2>&1 && { echo 'the seat read the attempts'; exit 1; }"
    echo "cat '$T/seat.out'"
    echo "grep -q 'permission denied for table attempts' '$T/seat.out'"
    # The same seat without TLS: no line of pg_hba.conf lets it in.
    echo "( while IFS== read -r k v; do export \"\$k=\$v\"; done < '$T/environment'; fibrelab --db \"\${FIBRELAB_DB%%\\?*}?sslmode=disable\" attempts ) > '$T/seat-plain.out' 2>&1 && { echo 'the seat connected without TLS'; exit 1; }"
    echo "cat '$T/seat-plain.out'"
    echo "grep -q 'no pg_hba.conf entry .* no encryption' '$T/seat-plain.out'"
    echo "step 'block 9 (backups)'"
    block 9
    # A new server: the database and FibreLab's logins gone.
    echo "step 'the database and its logins dropped'"
    echo "sudo -u postgres dropdb fibrelab"
    echo "sudo -u postgres psql -q -c 'DROP ROLE garcia, seat_salle_b12, fibrelab_audit, fibrelab_seat, fibrelab_trainer, fibrelab_owner'"
    echo "step 'block 10 (restore), block 6 (setup) again, without --trainer or --room'"
    block 10
    block 6 | sed -e '/^fibrelab school server setup /s/ \\$//' -e '/^ *--trainer garcia --room seat_salle_b12$/d'
    echo "step 'the trainer after the restore'"
    block 7 | grep '^export FIBRELAB_DB='
    echo "export FIBRELAB_DB_PASSWORD=\"\$GARCIA_PW\""
    echo "fibrelab cohort list | tee '$T/cohorts.out'"
    echo "grep -q 'Promo 2026-09 Chelles' '$T/cohorts.out'"
    echo "fibrelab verify 2>&1 | tee '$T/verify.out'"
    echo "grep -qF '1 tentative(s) terminée(s) vérifiée(s), 0 différence(s)' '$T/verify.out'"
    echo "step 'done'"
} >"$T/trial.sh"

export PG_PW=postgres-Passw0rd-essai GARCIA_PW=garcia-Passw0rd-essai
export ROOM_PW=le-mot-de-passe-de-la-salle PIN=246810
t0=$SECONDS
rc=0
python3 - "$T/trial.sh" "$T/trial.log" <<'PY' || rc=$?
import os, sys, pexpect
script, log = sys.argv[1], sys.argv[2]
pg, garcia, room, pin = (os.environ[k] for k in ("PG_PW", "GARCIA_PW", "ROOM_PW", "PIN"))
prompts = [
    (r"Mot de passe de postgres : ", pg),
    (r'Enter new password for user "postgres": ', pg),
    (r"Enter it again: ", pg),
    (r"Mot de passe de garcia : ", garcia),
    (r"Mot de passe de seat_salle_b12 : ", room),
    (r"Encore une fois : ", None),
    (r"Nouveau code PIN[^\n]*: ", pin),
    (r"Le même code PIN[^\n]*: ", pin),
    (r"Code PIN du formateur : ", pin),
]
child = pexpect.spawn("bash", [script], encoding="utf-8", timeout=300)
child.logfile_read = open(log, "w")
# A password prompt turns the echo off after it is printed: typing before that is lost.
child.delaybeforesend = 0.5
last = None
while True:
    i = child.expect([p for p, _ in prompts] + [pexpect.EOF])
    if i == len(prompts):
        break
    answer = prompts[i][1] if prompts[i][1] is not None else last
    last = answer
    child.sendline(answer)
child.close()
sys.exit(child.exitstatus if child.exitstatus is not None else 1)
PY
if [ "$rc" != 0 ]; then
    tail -n 60 "$T/trial.log" >&2
    die "the section's commands did not all work as written (above: the end of what they said)"
fi
[ -n "${READMESH_VERBOSE:-}" ] && cat "$T/trial.log"
echo "readme.sh: the section's 10 blocks ran as written, the seat read nothing and was refused without TLS, the restored dump gave the store back ($((SECONDS - t0)) s)"
