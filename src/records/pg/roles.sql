-- FibreLab on PostgreSQL: the school's roles, schemas and privileges.
--
-- HOW A SCHOOL'S DBA RUNS IT
--   As a superuser (the `postgres` account on Debian), connected to the school's database:
--       psql -d fibrelab -v ON_ERROR_STOP=1 -f roles.sql
--   (FibreLab's setup command runs the same text.) It takes no parameter, has no psql
--   meta-command, and may be run again at any time (after an upgrade of FibreLab,
--   after tables were added): it creates what is missing and puts every privilege back as
--   below. Order for a new database:
--       1. roles.sql  (this file: roles, schemas, extensions, the key's table)
--       2. the tables (FibreLab's setup command creates them as fibrelab_owner)
--       3. roles.sql again, then seat.sql (the seat functions)
--   then one seat_room.sql per room of seats, and the school's key in
--   fibrelab_secret.school_key (see the end of this file).
--   pg_hba.conf: seats only over TLS (`hostssl ... scram-sha-256`), and a line for the audit
--   writer on loopback (`host <db> fibrelab_audit 127.0.0.1/32 scram-sha-256`).
--
-- THE ROLES
--   fibrelab_owner   NOLOGIN. Owns the schemas `fibrelab` and `fibrelab_secret`, every table
--                    and every function. Nobody logs in as it; the seat functions run with
--                    its rights (SECURITY DEFINER), so what a seat may do is what they do.
--   fibrelab_trainer NOLOGIN group for the trainers' logins (CREATE ROLE trainer_x LOGIN
--                    PASSWORD '...' IN ROLE fibrelab_trainer): every row of `fibrelab`
--                    (SELECT, INSERT, UPDATE, DELETE; attempt_seats too, for the room's live
--                    tab), the school's key (SELECT), and the trainers' functions
--                    (set_seat_pin, base_seed_for, seed_for, now_ms, offline_grace_ms).
--   fibrelab_seat    NOLOGIN group for the rooms' logins (seat_room.sql): USAGE on schema
--                    `fibrelab` and EXECUTE on the seven seat functions, NOTHING else: no
--                    table, no sequence, no other function, not the key's schema.
--   fibrelab_audit   LOGIN with a random password kept in fibrelab_secret.audit_link: the
--                    seat functions connect back as it (dblink) to write a refusal in the
--                    audit log in a transaction of its own, so that the refusal's error,
--                    which undoes everything the call did, does not undo its audit line.
--                    It may only call fibrelab_secret.audit_write and the seat functions'
--                    workers (fibrelab_secret.w_seat_*): every seat function runs its work
--                    through it, in a transaction of its own (seat.sql), one connection per
--                    seat connection (so no CONNECTION LIMIT of its own: the rooms' logins
--                    have theirs, 64 each).
--   Nothing is granted to PUBLIC: not the database, not the schemas, not the functions.

-- The group roles (NOLOGIN: they are never connected as).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fibrelab_owner') THEN
        CREATE ROLE fibrelab_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fibrelab_trainer') THEN
        CREATE ROLE fibrelab_trainer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fibrelab_seat') THEN
        CREATE ROLE fibrelab_seat NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fibrelab_audit') THEN
        CREATE ROLE fibrelab_audit LOGIN NOINHERIT;
    END IF;
    -- Whatever someone changed by hand: back to what FibreLab relies on.
    ALTER ROLE fibrelab_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    ALTER ROLE fibrelab_trainer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    ALTER ROLE fibrelab_seat NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    ALTER ROLE fibrelab_audit LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS
        CONNECTION LIMIT -1;
END
$$;

-- The schemas, owned by fibrelab_owner.
CREATE SCHEMA IF NOT EXISTS fibrelab AUTHORIZATION fibrelab_owner;
CREATE SCHEMA IF NOT EXISTS fibrelab_secret AUTHORIZATION fibrelab_owner;
ALTER SCHEMA fibrelab OWNER TO fibrelab_owner;
ALTER SCHEMA fibrelab_secret OWNER TO fibrelab_owner;
REVOKE ALL ON SCHEMA fibrelab FROM PUBLIC;
REVOKE ALL ON SCHEMA fibrelab_secret FROM PUBLIC;

-- pgcrypto (HMAC-SHA-256, bcrypt for the seat PINs) and dblink (the audit line written in a
-- transaction of its own) live in the key's schema, out of any seat's reach.
DO $$
DECLARE
    ext text;
    sch text;
BEGIN
    FOREACH ext IN ARRAY ARRAY['pgcrypto', 'dblink'] LOOP
        SELECT n.nspname INTO sch FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = ext;
        IF sch IS NULL THEN
            EXECUTE format('CREATE EXTENSION %I SCHEMA fibrelab_secret', ext);
        ELSIF sch <> 'fibrelab_secret' THEN
            RAISE EXCEPTION 'the extension % is installed in schema %: FibreLab needs it in fibrelab_secret (ALTER EXTENSION % SET SCHEMA fibrelab_secret)', ext, sch, ext;
        END IF;
    END LOOP;
END
$$;

-- The database: only FibreLab's roles connect, nobody makes temporary tables (a seat could
-- otherwise shadow a name with pg_temp).
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO fibrelab_trainer, fibrelab_seat, fibrelab_audit',
                   current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO fibrelab_owner', current_database());
END
$$;
-- The schema `public` holds nothing of FibreLab's; nobody creates anything there.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- PostgreSQL's own functions a seat could turn against its classmates or the disk, taken
-- from PUBLIC in this database (pg_catalog's privileges are per database: other databases
-- of the cluster keep theirs; superusers keep them all): all seats of a room share one
-- login, and a role may cancel or end its own role's sessions (pg_cancel_backend,
-- pg_terminate_backend: a classmate thrown offline), sleep in a transaction (pg_sleep*),
-- or write large objects to the disk (lo_*, loread, lowrite). In this database only the
-- superusers (and the roles a DBA grants them to) may call them; nothing of FibreLab's does.
-- Any other tool the school runs against this database as a non-superuser loses them too.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
              WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND (p.proname LIKE 'lo\_%' OR p.proname IN ('loread', 'lowrite', 'pg_sleep',
                     'pg_sleep_for', 'pg_sleep_until', 'pg_terminate_backend', 'pg_cancel_backend'))
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', r.f);
    END LOOP;
END
$$;

-- The key's schema: the school's key, and what the seat functions keep out of every seat's
-- sight. Owned by fibrelab_owner; the trainers read the key (their FibreLab seals with it).
SET ROLE fibrelab_owner;
-- The school's key: one row, the 32 bytes of the key file (the file's 64 hex digits).
CREATE TABLE IF NOT EXISTS fibrelab_secret.school_key (
    bytes bytea NOT NULL CHECK (octet_length(bytes) = 32),
    one   boolean NOT NULL DEFAULT true PRIMARY KEY CHECK (one)
);
-- The server's clock offset in ms, for tests only (fibrelab.set_clock_offset): 0 in a
-- school. Only the owner writes it.
CREATE TABLE IF NOT EXISTS fibrelab_secret.clock (
    offset_ms bigint NOT NULL DEFAULT 0,
    one       boolean NOT NULL DEFAULT true PRIMARY KEY CHECK (one)
);
INSERT INTO fibrelab_secret.clock (offset_ms) VALUES (0) ON CONFLICT DO NOTHING;
-- How the seat functions reach the audit writer (a libpq connection string with its
-- password). Change host/port here if the server does not listen on 127.0.0.1.
CREATE TABLE IF NOT EXISTS fibrelab_secret.audit_link (
    conninfo text NOT NULL,
    one      boolean NOT NULL DEFAULT true PRIMARY KEY CHECK (one)
);
-- The seats' PINs (bcrypt, pgcrypto's crypt), set by a trainer with fibrelab.set_seat_pin:
-- FibreLab's own PIN hashes (Argon2id) cannot be checked by the server.
CREATE TABLE IF NOT EXISTS fibrelab_secret.seat_pins (
    trainee_id bigint PRIMARY KEY,
    crypt      text NOT NULL,
    set_at     bigint NOT NULL,
    set_by     text NOT NULL
);
-- Wrong PINs in a row per trainee, and when the last one was tried (kept by the audit
-- writer, so that undoing a call's transaction does not undo its count).
CREATE TABLE IF NOT EXISTS fibrelab_secret.pin_state (
    trainee_id bigint PRIMARY KEY,
    failures   integer NOT NULL DEFAULT 0,
    last_at    bigint NOT NULL
);
RESET ROLE;

-- The audit writer's password: a new random one each run, kept where only the owner reads.
DO $$
DECLARE
    pw text := encode(fibrelab_secret.gen_random_bytes(24), 'hex');
BEGIN
    EXECUTE format('ALTER ROLE fibrelab_audit PASSWORD %L', pw);
    INSERT INTO fibrelab_secret.audit_link (conninfo)
    VALUES (format('host=127.0.0.1 port=%s dbname=%s user=fibrelab_audit password=%s application_name=fibrelab-audit connect_timeout=5',
                   current_setting('port'), current_database(), pw))
    ON CONFLICT (one) DO UPDATE
        SET conninfo = regexp_replace(fibrelab_secret.audit_link.conninfo, 'password=\S+',
                                      'password=' || pw);
END
$$;

-- Every table, sequence and function of FibreLab's schemas belongs to fibrelab_owner
-- (whoever created them), so that the SECURITY DEFINER functions run with its rights only.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('fibrelab', 'fibrelab_secret') AND c.relkind IN ('r', 'p', 'v')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO fibrelab_owner', r.name);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname IN ('fibrelab', 'fibrelab_secret')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO fibrelab_owner', r.name);
    END LOOP;
END
$$;

-- Privileges on what exists now ...
REVOKE ALL ON ALL TABLES IN SCHEMA fibrelab FROM PUBLIC, fibrelab_seat, fibrelab_audit;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA fibrelab FROM PUBLIC, fibrelab_seat, fibrelab_audit;
REVOKE ALL ON ALL TABLES IN SCHEMA fibrelab_secret FROM PUBLIC, fibrelab_seat, fibrelab_trainer,
    fibrelab_audit;
GRANT USAGE ON SCHEMA fibrelab TO fibrelab_trainer, fibrelab_seat;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA fibrelab TO fibrelab_trainer;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA fibrelab TO fibrelab_trainer;
GRANT USAGE ON SCHEMA fibrelab_secret TO fibrelab_trainer, fibrelab_audit;
GRANT SELECT ON fibrelab_secret.school_key TO fibrelab_trainer;
-- Functions: nobody by default (each one is granted by name in seat.sql).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA fibrelab FROM PUBLIC, fibrelab_seat, fibrelab_trainer,
    fibrelab_audit;

-- ... and on what fibrelab_owner creates later (FibreLab's migrations): tables to the
-- trainers, never to a seat; no function to PUBLIC.
ALTER DEFAULT PRIVILEGES FOR ROLE fibrelab_owner IN SCHEMA fibrelab
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fibrelab_trainer;
ALTER DEFAULT PRIVILEGES FOR ROLE fibrelab_owner IN SCHEMA fibrelab
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO fibrelab_trainer;
ALTER DEFAULT PRIVILEGES FOR ROLE fibrelab_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- THE SCHOOL'S KEY (once, by the DBA, from the key file's 64 hex digits):
--   INSERT INTO fibrelab_secret.school_key (bytes) VALUES (decode('<64 hex digits>', 'hex'))
--   ON CONFLICT (one) DO UPDATE SET bytes = excluded.bytes;
-- It must be the key of the trainers' FibreLab (its fingerprint is the store's setting
-- `seal.key`; the seat functions refuse to seal with another: FL015).
