CREATE TABLE attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id     TEXT NOT NULL,
    scenario_hash   TEXT NOT NULL,
    scenario_source TEXT NOT NULL,
    seed            INTEGER NOT NULL,
    trainee         TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'finished', 'closed')),
    finished_at     INTEGER,
    score           REAL,
    passed          INTEGER,
    grade_json      TEXT,
    program_version TEXT NOT NULL
, uuid TEXT, trainee_id INTEGER REFERENCES trainees(id), assignment_id INTEGER REFERENCES assignments(id), deadline_at INTEGER, time_limit_ms INTEGER, origin TEXT, ended_by TEXT, scenario_path TEXT, received_from TEXT, code TEXT);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE actions (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    seq         INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    action      TEXT NOT NULL, mac TEXT,
    PRIMARY KEY (attempt_id, seq)
);
CREATE INDEX attempts_status ON attempts(status, trainee);
CREATE TABLE attempt_files (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    PRIMARY KEY (attempt_id, name)
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE trainees (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    display_name TEXT,
    external_ref TEXT,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL,
    archived_at  INTEGER,
    erased_at    INTEGER
);
CREATE TABLE trainers (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL
);
CREATE TABLE cohorts (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL UNIQUE,
    site         TEXT,
    starts_on    TEXT,
    ends_on      TEXT,
    retain_until TEXT,
    created_at   INTEGER NOT NULL,
    archived_at  INTEGER
);
CREATE TABLE cohort_members (
    cohort_id  INTEGER NOT NULL REFERENCES cohorts(id),
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    joined_at  INTEGER NOT NULL,
    left_at    INTEGER,
    PRIMARY KEY (cohort_id, trainee_id)
);
CREATE TABLE assessments (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    key          TEXT NOT NULL UNIQUE,
    cohort_id    INTEGER NOT NULL REFERENCES cohorts(id),
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('practice', 'formative', 'ecf', 'final')),
    opens_at     INTEGER,
    closes_at    INTEGER,
    time_limit_s INTEGER,
    attempts_allowed INTEGER NOT NULL,
    seed_policy  TEXT NOT NULL CHECK (seed_policy IN ('fixed', 'per_trainee', 'per_attempt')),
    base_seed    INTEGER NOT NULL,
    feedback     TEXT NOT NULL CHECK (feedback IN ('immediate', 'after_close', 'none')),
    source       TEXT,
    created_by   TEXT,
    created_at   INTEGER NOT NULL,
    locked_at    INTEGER,
    closed_at    INTEGER
);
CREATE TABLE assessment_items (
    assessment_id   INTEGER NOT NULL REFERENCES assessments(id),
    position        INTEGER NOT NULL,
    scenario_id     TEXT NOT NULL,
    scenario_hash   TEXT,
    scenario_source TEXT,
    PRIMARY KEY (assessment_id, position)
);
CREATE TABLE assignments (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id),
    position      INTEGER NOT NULL,
    trainee_id    INTEGER NOT NULL REFERENCES trainees(id),
    extra_time_s  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (assessment_id, position, trainee_id)
);
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    trainer    TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('validated', 'not_validated', 'redo')),
    comment    TEXT,
    at         INTEGER NOT NULL
);
CREATE TABLE seals (
    seq          INTEGER PRIMARY KEY,
    subject      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    mac          TEXT NOT NULL
);
CREATE TABLE xapi_outbox (
    statement_id TEXT PRIMARY KEY,
    attempt_uuid TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    tries        INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    who    TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX xapi_outbox_attempt ON xapi_outbox(attempt_uuid, sent_at);
CREATE UNIQUE INDEX attempts_uuid ON attempts(uuid);
CREATE INDEX attempts_assignment ON attempts(assignment_id);
CREATE INDEX attempts_code ON attempts(code);
CREATE INDEX seals_subject ON seals(subject, kind);
