-- FibreLab on PostgreSQL: one login for one room of seats.
--
-- Each room has its own login (seat_room_b12, ...): every PC of the room connects with it,
-- over TLS only (pg_hba.conf: `hostssl <db> seat_room_b12 <room's network> scram-sha-256`).
-- It is a member of fibrelab_seat and can do nothing but call the seat functions.
-- An attempt started from a room can be continued (appended to, finished, resumed) only
-- from that room's login.
--
-- Run by a superuser (or a role with CREATEROLE), after roles.sql. The room's name and
-- password are given as settings of the session, so that no value is pasted into SQL:
--   psql -d fibrelab -v ON_ERROR_STOP=1 \
--        -c "SELECT set_config('fibrelab.seat_role', 'seat_room_b12', false)" \
--        -c "SELECT set_config('fibrelab.seat_password', 'the room password', false)" \
--        -f seat_room.sql
-- (psql runs -c and -f in order in one session.) FibreLab's setup command does the same with
-- bind parameters. Run again to change the password. The name must be seat_<letters,
-- digits, _>.
DO $$
DECLARE
    role_name text := current_setting('fibrelab.seat_role', true);
    pw text := current_setting('fibrelab.seat_password', true);
BEGIN
    IF role_name IS NULL OR role_name !~ '^seat_[a-z0-9_]{1,58}$' THEN
        RAISE EXCEPTION 'fibrelab.seat_role must be set to seat_<lowercase letters, digits, _>, not %',
            coalesce(role_name, '(unset)');
    END IF;
    IF pw IS NULL OR length(pw) < 12 THEN
        RAISE EXCEPTION 'fibrelab.seat_password must be set, 12 characters at least';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    END IF;
    -- INHERIT: it uses fibrelab_seat's EXECUTE privileges; nothing else is granted to it.
    EXECUTE format('ALTER ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS '
                   'NOREPLICATION CONNECTION LIMIT 64 PASSWORD %L', role_name, pw);
    EXECUTE format('GRANT fibrelab_seat TO %I', role_name);
    -- Every call is short: a seat cannot hold a lock or a connection's work for long.
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', role_name, '30s');
    EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', role_name, '60s');
    PERFORM set_config('fibrelab.seat_password', '', false);
END
$$;
