# Time and dates
time-bad-date = `{ $found }` is not a date: write YYYY-MM-DD, such as 2026-09-07.
time-bad-moment = `{ $found }` is not a moment: write for example 2026-12-07T08:30+01:00.
time-no-offset = `{ $found }` has no time offset: add +01:00 (winter time in France) or +02:00 (summer time), so the deadline falls at the right hour.
time-bad-zone = `{ $found }` is not a known time zone: write its name, for example Europe/Paris, Indian/Reunion or America/Cayenne.

# Class lists
roster-empty = The list is empty.
roster-no-header = The first line must name the columns (Last name, First name, or Full name; Reference optional); found: { $found }
roster-extra-cells = { $found } cells where the header has { $expected }: one semicolon or comma too many?
roster-no-name = no name on this line.
roster-bad-name = a name has at most { $max } characters and no control character.
roster-bad-uuid = `{ $found }` is not a FibreLab pseudonym (a UUID).
roster-too-long = the list goes over { $max } trainees: the rest is not read.
roster-workbook = This file is an Excel or LibreOffice workbook (.xlsx, .xls, .ods), not a CSV list: open it, save it as "CSV UTF-8", then import that file.
roster-not-text = This file is not text (a NUL byte on this line): import the list saved as "CSV UTF-8".
roster-mixed-encoding = This line is not written in UTF-8 while other lines of the file are: the file mixes two encodings, nothing of it is imported. Open it and save it again as "CSV UTF-8".
roster-bad-utf16 = The file is in UTF-16 but a character is cut on this line: nothing of it is imported. Open it and save it again as "CSV UTF-8".
roster-unknown-columns = Column(s) not recognised, so not read: { $items }. The columns read: Last name, First name, Full name, Reference, Pseudonym.
roster-column = column { $col } “{ $found }”
roster-same-column = column { $col } “{ $found }” says the same as column { $first }: only column { $first } is read.
roster-open-quote = a quote " opens on this line and never closes: the rest of the file is not read.
roster-no-trainee = No trainee read in this file: nothing is imported.
roster-imported = { $created } trainee(s) added, { $already } already there, { $dupes } duplicate(s) in the file, { $bad } problem(s) shown above (lines refused, columns not read).
roster-dry-run = Dry run, nothing is saved: { $created } trainee(s) would be added, { $already } already there, { $dupes } duplicate(s), { $bad } problem(s) shown above (lines refused, columns not read).

# Trainees, trainers, cohorts
trainee-unknown = No trainee `{ $key }`.
trainee-ambiguous = { $n } trainees are called `{ $key }`: give their identifier (trainee list).
pin-bad = A PIN has 4 to 12 digits.
pin-bad-trainer = A trainer's PIN has { $min } to 12 digits (it opens every school command).
trainer-added = Trainer added: { $uuid }. Their PIN is now asked for the school's commands.
trainer-pin-needed = A trainer's command: type your PIN when it is asked, or give it in the FIBRELAB_TRAINER_PIN variable (never on the command line, where every account of the PC reads it).
cohort-bad-name = A cohort's name has 1 to { $max } characters.
cohort-ends-before = The cohort ends before it starts.
cohort-exists = The cohort `{ $name }` already exists.
cohort-unknown = No cohort `{ $name }` (cohort list).
cohort-created = Cohort `{ $name }` created.
cohort-col-members = trainees
cohort-archived = archived

# Assessments
assess-bad-id = `{ $found }`: an assessment's id is written in lowercase letters, digits and dashes (64 at most), such as ecf-mesure-2026-12.
assess-no-title = The assessment has no title.
assess-item-count = An assessment gives 1 to { $max } scenarios.
assess-unknown-scenario = No scenario `{ $id }` in the scenarios folder.
assess-scenario-twice = The scenario `{ $id }` is given twice.
assess-closes-before = The assessment closes before it opens.
assess-bad-limit = A time limit is 1 to { $max } minutes.
assess-bad-attempts = The number of attempts is 1 to { $max }.
bad-option-choices = { $option }: "{ $found }" is not a possible value; one of: { $allowed }.
assess-bad-option = { $option }: `{ $found }` is not a possible value.
assess-no-cohort = For which cohort? Give --cohort, or cohort: in the file.
assess-exists = An assessment `{ $id }` already exists (--replace makes it again while nobody has started it).
assess-locked = The assessment `{ $id }` has started: its scenarios are pinned. Create a new one.
assess-created = Assessment `{ $id }` created for { $cohort }: { $n } assignment(s).
assess-valid = { $n } assessment file(s) valid.
assess-unknown-id = No assessment `{ $id }` (assess list).
assess-unknown = This assessment no longer exists.
assess-not-assigned = This trainee does not have this assessment.
assess-closed = The assessment is closed.
assess-not-open = The assessment opens on { $opens }.
assess-no-attempts-left = No attempt left: { $n } allowed.
assess-summary = Opens { $opens }, closes { $closes }, time limit { $limit } min (0 = none), { $attempts } attempt(s), draw: { $seed }, results: { $feedback }.
assess-state-ready = ready
assess-state-started = started
assess-state-closed = closed
review-long = A comment has at most { $max } characters.

# Results and exports
export-yes = yes
export-no = no
decision-validated = validated
decision-not-validated = not validated
decision-redo = to redo
export-col-cohort = Cohort
export-col-assessment = Assessment
export-col-kind = Kind
export-col-trainee-uuid = Trainee's pseudonym
export-col-name = Name
export-col-external-ref = Reference
export-col-scenario = Exercise (id)
export-col-scenario-title = Exercise
export-col-scenario-hash8 = Exercise version
export-col-attempt-uuid = Attempt (id)
export-col-attempt-no = Attempt no.
export-col-seed = Seed
export-col-started-at = Started
export-col-duration-s = Duration (s)
export-col-time-limit-s = Time allowed (s)
export-col-score = Score out of 100
export-col-score-short = Score
export-col-pass-mark = Pass mark
export-col-passed = Passed
export-col-critical-failed = Critical criteria missed
export-col-criterion-points = { $title } (points)
export-col-decision = Trainer's decision
export-col-verified = Verified
export-col-origin = Made in
export-col-program-version = FibreLab version
export-col-criterion-title = Criterion
export-col-points = Points
export-col-max-points = Points possible
export-col-met = Met
export-col-critical = Critical
export-col-feedback = Feedback
export-origin-app = the app
export-origin-script = a script
export-print-page = Page &P of &N
export-legend-col-trainee-uuid = The trainee's pseudonym: the same in every file of the school, without their name.
export-legend-col-seed = The exercise's draw (its values): with it, fibrelab replays the attempt exactly. "—" while another trainee may still sit that draw.
export-legend-col-scenario-hash8 = The first 8 characters of the fingerprint of the exercise played (in full below): two attempts of the same version played the same text.
export-legend-col-verified = "yes": fibrelab replayed the attempt (or its seals hold) and finds the stored grade.
export-legend-col-origin = Where the attempt was made: in the app (it counts) or by a script (it never counts for an assessment).
export-legend-col-critical-failed = The critical criteria missed: one is enough to fail, whatever the score.
export-legend-what = Item
export-legend-value = Value
export-legend-detail = Detail
assess-kind-practice = practice
assess-kind-formative = formative assessment
assess-kind-ecf = ECF (certifying assessment)
assess-kind-final = final assessment
assess-kind-free = free practice
export-sheet-results = Results
export-sheet-criteria = Criteria
export-sheet-legend = Legend
export-legend-generated = Made on
export-legend-version = FibreLab version
export-legend-verify = To check
export-legend-verify-how = fibrelab verify replays each attempt and compares it with its grade; each scenario is named below with the SHA-256 of the text played.
export-xlsx-failed = The Excel workbook could not be made: { $detail }
export-cannot-write = Cannot write the export ({ $detail }).
cell-passed = passed
cell-failed = failed
cell-critical = critical failure
cell-in-progress = in progress
cell-not-done = not done

# Bundles
bundle-written = { $n } attempt(s) in { $file }.
bundle-unreadable = this is not a FibreLab bundle of attempts ({ $detail }).
bundle-format = a bundle in format `{ $found }`, which this version does not read.
bundle-refused = attempt { $uuid } refused: { $why }
bundle-conflict = another attempt already holds this number here, with other contents.
bundle-bad-uuid = its identifier is not a UUID.
bundle-imported = { $file }: { $accepted } attempt(s) accepted after replay, { $already } already here, { $refused } refused.
bundle-unknown-assessment = it was made for an assessment this PC does not have. Create the assessment here from the same file as on the seats, then import the bundle again.
bundle-not-assigned = { $who } has no scenario { $item } in “{ $title }” on this PC: the seat was not given this PC's class list or assessment.
bundle-script = it was not played in the app (origin “{ $origin }”): an attempt played from a script on the command line never counts for an assessment.
bundle-other-scenario = it was played on the scenario { $found }, but scenario { $item } of this assessment is { $expected }.
bundle-other-text = it was played on another version of the scenario { $id } than the one this assessment uses here.
bundle-bad-times = its times do not hold together (it has no end, or ends before it starts).
bundle-future = it ends on { $at }, later than this PC's clock: check the seat's date and time.
bundle-before-window = it started on { $started }, before the assessment opened ({ $opens }).
bundle-before-created = it started on { $started }, before the assessment was created on this PC ({ $created }).
bundle-after-window = it started on { $started }, after the assessment closed ({ $closes }).
bundle-wrong-seed = the seat drew another exercise than the school's for { $who } (scenario { $item }, attempt { $n }): a seat must be given the assessment by the school (its file, the class list and the school's key), not set it up on its own.
bundle-seed-taken = attempt { $n } of { $who } at scenario { $item } is already here, from another attempt on the same draw: two attempts claim the same place. Check with { $who } which one is theirs; this one is not kept.
bundle-earlier-missing = it is attempt { $k } of { $who } at scenario { $item }, but { $here ->
        [0] none of their attempts is here
        [one] only one of their attempts is here
       *[other] only { $here } of their attempts are here
    }: import the bundle with the earlier ones first, then this one again.
bundle-other-trainee = it was played on the draw of { $other }, not on that of { $who } (scenario { $item }): it is filed under the wrong trainee.
bundle-too-many = it would be attempt { $n } of { $who } at scenario { $item }, where the assessment allows { $allowed }.
bundle-no-limit = the seat gave it no time limit, where this school gives { $here } min (extra time included).
bundle-limit-raised = the seat gave it { $seat } min, where this school gives { $here } min (extra time included).
bundle-overtime = it took { $took } min, where it was given { $limit } min (extra time included).
bundle-note = attempt { $uuid } kept: { $what }
bundle-less-time = { $who } had { $seat } min on the seat, where this school gives { $here } min (extra time included). Give the seats each trainee's extra time before they sit the assessment.

# xAPI
xapi-no-base = First set the school's address the xAPI ids live under: fibrelab school set base-iri https://training.your-school.example/fibrelab
xapi-bad-base = `{ $found }`: the school's address is an https address the school controls, without spaces, ? or #.
xapi-exported = { $n } xAPI statement(s) written to { $file }.
xapi-would-send = Dry run: { $n } statement(s) in { $batches } batch(es) wait.
xapi-refused = The LRS refuses the statements of attempt { $uuid }: { $detail }
xapi-unreachable = The LRS does not answer ({ $detail }): the statements wait for the next send.
xapi-sent = { $sent } statement(s) taken by the LRS, { $failed } failed; { $waiting } waiting.
xapi-status = { $waiting } statement(s) waiting, { $sent } sent; last successful send: { $last }.
xapi-bad-endpoint = `{ $found }`: the LRS's address is an https address, for example https://lrs.your-school.example/xapi.
xapi-http-refused = `{ $found }`: over http the password and the results would cross the network in clear. Give the LRS's https address (http is allowed on this computer only: localhost, 127.0.0.1, ::1).
xapi-no-password = --user { $user } is given but FIBRELAB_LRS_PASSWORD is empty or not set: nothing is sent. Put the LRS's password in FIBRELAB_LRS_PASSWORD.
xapi-conflict = The LRS already holds another statement under the id { $id } (attempt { $uuid }): ours is not counted as sent and keeps waiting. See the person who runs the LRS.
xapi-not-made = { $n } waiting statement(s) can no longer be made from the stored attempts: they keep waiting, unsent.

# Reports
report-title = Assessment record
report-trainee = Trainee
report-cohort = Cohort
report-assessment = Assessment
report-free-practice = free practice
report-scenario = Scenario
report-version = version
report-date = Date
report-duration = Duration
report-minutes-allowed = min allowed
report-score = Score
report-pass-mark = pass mark
report-seed-version = Seed · program
report-ended-by-time = Ended by the time limit: graded as it stood at the deadline.
report-criteria = Criteria
report-criterion = Criterion
report-points = Points
report-feedback = Feedback
report-critical = eliminatory
report-trace = OTDR trace (last acquisition)
report-log = What was done: each gesture and what the bench said
report-time = Time
report-gesture = Gesture
report-bench-said = Observed
report-decision = Trainer's decision
report-no-decision = no decision yet
report-sign-trainer = The trainer (name, date, signature)
report-sign-trainee = The trainee (name, date, signature)
report-code = Verification code:
report-code-how = fibrelab verify --code replays the attempt and says whether this record matches it.
report-cohort-title = Cohort summary
report-gradebook = Results by trainee
report-criteria-failed = Criteria missed
report-most-common = Most common feedback
report-failed-share = Missed by
report-no-attempt-yet = No finished attempt yet.
report-no-criterion-failed = None: every criterion was met in every attempt.
report-not-passed = Not passed or not done yet
template-unclosed = The attestation template has a `{"{{"}` without `{"}}"}`.
template-unknown = The attestation template uses `{ $name }`, which does not exist. Possible variables: { $known }.
verify-code-ok = Code { $code }: attempt { $id } ({ $scenario }, { $trainee }), score { $score } confirmed by replay.
verify-code-bad = Code { $code }: attempt { $id }: MISMATCH: { $problem }
verify-code-unknown = Code { $code }: no attempt of this store matches it (a code copied wrong, or the record or the store changed).

# In the app
app-i-am-button = I am… (the school's list)
app-trainer-button = Trainer mode
app-i-am = I am…
app-i-am-help = Choose your cohort, then your name.
app-no-cohorts = The school has no cohort yet: the trainer makes them (fibrelab cohort create, trainee import).
app-my-cohort = My cohort
app-my-name = My name
app-my-pin = My PIN
app-its-me = That's me
app-pin = PIN
app-pin-wrong = Wrong PIN.
app-trainer-mode = Trainer:
app-trainer-open = Open trainer mode
app-my-assessments = { $name }'s assessments
app-no-assessments = No assessment for now.
app-not-me = That's not me
app-free-practice = Free practice
app-col-assessment = Assessment
app-col-exercise = Exercise
app-col-window = Window
app-col-limit = Time
app-col-attempts = Attempts
app-col-criterion = Criterion
app-col-failed = Missed
app-col-feedback = Most common feedback
app-col-date = Date
app-col-score = Score
app-window-closed = closed
app-window-open = open
app-window-opens = opens on { $at }
app-window-left = open, closes in { $left }
app-minutes = { $m } min
app-hours-minutes = { $h } h { $m } min
app-start-assessment = Start
app-resume-assessment = Resume where you left it
app-assessment-not-open = The assessment is not open now.
app-no-attempt-left = No attempt left.
app-time-allowed = time allowed: { $time }
app-time-free = no time limit
app-extra-time = (extra time of { $time } included)
app-attempts-used = attempts: { $used } of { $allowed }
app-time-left = Time left: { $left }
app-assessment-recorded = Attempt recorded.
app-assessment-feedback-later = Your trainer will give you the result.
app-assessment-detail-later = The criteria's detail will be given after your last attempt.
app-my-assessments-back = My assessments
app-trainer-title = Trainer mode
app-tab-gradebook = Gradebook
app-tab-status = Live
app-tab-criteria = Criteria
app-col-state = Where they are
app-state-not-started = not started
app-state-running = under way for { $since }, { $n ->
    [one] 1 gesture
   *[other] { $n } gestures
}
app-state-submitted = handed in: { $score }
app-state-closed = abandoned
app-state-handed-in = handed in, graded at the next refresh
app-state-offline = offline
app-state-too-fast = sent faster than played
app-state-idle = under way, nothing done for { $since } ({ $n ->
    [one] 1 gesture
   *[other] { $n } gestures
}): has the trainee left the seat?
app-col-time-left = Time left
app-time-over = time is up
app-back-to-trainer = Back to trainer mode
app-tab-trainee = One trainee
app-trainer-leave = Leave trainer mode
app-criteria-help = Share of attempts where each criterion is missed, and the feedback given most often.
app-review-attempt = Review
app-decision-comment = Comment for the decision:
app-decision-saved = Decision recorded for attempt { $id }, beside its grade.

# Personal data
erase-confirm = Erasing the name of { $uuid } cannot be undone: add --confirm.
erase-done = Name, reference and PIN of { $uuid } erased from the store's files; { $n } attempt(s) kept under the pseudonym.
erase-already = The name of { $uuid } is already erased.
erase-server-disk = On the school's server the names have left the tables; the disk pages that held them are rewritten by the nightly "vacuumdb --full" (IT, README step 7). Older backups keep them until their own end.
purge-dry-run = Dry run: { $n } trainee(s) past their retention date.
purge-done = { $n } trainee(s) past their retention date: names erased, results kept under pseudonyms.

# Integrity
cli-assessment-hidden = This scenario is given in an assessment under way: the drawn values and the criteria's detail are not shown.
origin-script = (script)
origin-assessment = (assessment)
origin-assessment-bundle = (assessment, from a seat's bundle)
origin-bundle = (from a seat's bundle)
db-time-up = The time of attempt { $id } is up: it is graded as it stood at the deadline.
db-assessment-only = Attempt { $id } belongs to an assessment: it is continued in the app only.
key-missing = No school key at { $path }.
key-unreadable = The school key { $path } cannot be read: { $detail }
key-malformed = The school key { $path } is damaged (64 hex digits expected). Put back the backup copy.
verify-not-official = played on another text than the official scenario of this id (played { $played }, official { $official }, read from { $file }): a modified copy.
verify-not-pinned = played on another text than the one the assessment pinned (played { $played }, pinned { $pinned }).
verify-earlier-version = played on an earlier version of the official scenario ({ $played }; today { $official }).
verify-version-unrecorded = the official scenario has changed since ({ $played }; today { $official }); the attempt is older than the recording of where scenarios came from.
verify-no-official = no official scenario `{ $id }` in the folder: the grade is that of the stored text.
verify-seal = SEAL: { $problem }
verify-seal-attempt = Attempt { $id }: SEAL: { $problem }
seal-no-key = the store is sealed but the school key is not here (FIBRELAB_SCHOOL_KEY): the seals are not checked.
seal-wrong-key = the key { $path } is not the one that sealed this store.
seal-broken = the chain of seals is broken at seal { $n }: a record was deleted, changed or inserted.
seal-cut = the chain holds { $found } seal(s) where there were { $n }: the last records were deleted.
seal-cut-copy = this file holds { $found } seal(s) where the store sealed here ({ $path }) had { $n }: its last records were deleted, or it is a copy made before them.
seal-format-unsealed = this store is of a format FibreLab seals from its first record, and it holds no seal: its seals were taken off.
seal-head-replaced = seal { $n } is no longer the one the chain's head kept beside the key knows (the store holds { $found }): records were replaced.
verify-needs-key = this assessment attempt's seed is kept under the store's key: with another key its draw cannot be made again.
seal-unsealed = no seal: this record was not made by FibreLab.
seal-start-changed = the record no longer matches its start seal (scenario, seed, trainee, date or origin changed).
seal-reopened = the attempt was ended, then re-opened.
seal-end-missing = the attempt is marked ended without FibreLab having ended it.
seal-end-changed = the record no longer matches its end seal (grade, log, dates or status changed).
seal-deleted = attempt { $uuid } was deleted.
seal-person-changed = the record of trainee { $uuid } was changed outside FibreLab.
seal-person-unsealed = the record of trainee { $uuid } was not made by FibreLab.

## The chain of seals (format 3: every record, every action, the anchor beside the key)
db-key-needed = This store is sealed with the school's key, which is not given: nothing was written to it.
db-tampered = Attempt { $id } cannot be resumed: { $problem } A trainer closes it or checks the store (fibrelab verify).
db-ended = Attempt { $id } had been finished just before the program stopped: its grade is recorded now, as the trainee left it.
key-missing-sealed = The school's key is not at { $path }, although the store { $db } is sealed with it: nothing was written to it. Put the copy of the key back (or give its path in FIBRELAB_SCHOOL_KEY); a new key would verify no seal.
seal-never = this store was never sealed (it dates from before the seals): the replay alone checks it.
seal-key-removed = the key's fingerprint was removed from the store (setting "seal.key") although the store is sealed.
seal-identity-changed = the store's identity ("install.uuid") was changed outside FibreLab: it was sealed as { $old }.
seal-store-replaced = this file ({ $path }) held another sealed store ({ $old }): it was replaced, or its identity ("install.uuid") changed.
seal-store-replaced-before = another sealed store ({ $old }) was in this file before this one (found on { $at }).
seal-no-anchor = nothing of this store is kept beside the key ({ $dir }): cutting off its last records cannot be told (a store copied from another PC?).
seal-anchor-behind = the chain's head kept beside the key is behind ({ $n } seals, the store has { $found }): a write could not bring it up to date (a full disk, a crash).
seal-cut-before = the chain had been cut: seal { $n } was missing when FibreLab next wrote ({ $found } seals were left, found on { $at }).
seal-all-removed = the store is sealed but every seal was deleted.
seal-no-identity = a record without an identifier: FibreLab did not make it.
seal-adopted-changed = the record changed since it was sealed as it stood (when the seals came).
seal-action-changed = gesture { $n } of the log was changed, added or moved outside FibreLab.
seal-actions-cut = the last gestures of the log were taken off (FibreLab had recorded { $n }, { $found } are left).
seal-record-changed = { $what } { $subject } was changed outside FibreLab.
seal-record-unsealed = { $what } { $subject } was not made by FibreLab.
seal-record-deleted = { $what } { $subject } was deleted outside FibreLab.
seal-record-back = { $what } { $subject }, removed by FibreLab, was put back outside FibreLab.
seal-what-trainee = the trainee's record
seal-what-trainer = the trainer's record
seal-what-cohort = the cohort
seal-what-member = the cohort membership
seal-what-assessment = the assessment
seal-what-item = the assessment's exercise
seal-what-assignment = the assignment
seal-what-review = the trainer's decision
seal-what-audit = the audit log line
seal-what-setting = the setting
roster-other-name = pseudonym { $uuid } is already "{ $here }" here; this line says "{ $found }": nothing was changed (check the list).

## Who may do what (trainers' and trainees' PINs)
trainer-add-seat = The store { $db } holds the school's list but no trainer: whoever sits there would become the trainer, so none is added there. Prepare the seats from a new store (fibrelab trainer add, then trainee import of the trainer's list).
trainer-none-here = No trainer is registered in the store { $db }: the school's commands are closed there (a trainee's seat). A trainer adds themselves first: fibrelab trainer add "Name" (their PIN is asked).
trainer-none = No trainer is registered on this PC: the trainer's mode is closed here.
trainee-pin-required = The school asks every trainee for a PIN and you do not have one yet: ask your trainer for it.
pin-prompt-trainer = Trainer's PIN:
pin-prompt-trainee = Trainee's PIN:
pin-prompt-new = New PIN (4 to 12 digits):
pin-prompt-again = The same PIN again:
pin-mismatch = The two PINs typed differ: nothing was changed.
pin-new-needed = Type the new PIN when it is asked (in a terminal), or give it in the FIBRELAB_NEW_PIN variable.
pin-wrong-tries = Wrong PIN ({ $n } times in a row, written in the school's log). Try again.
pin-wrong-wait = Wrong PIN ({ $n } times in a row, written in the school's log). Next try possible in { $wait } s.
pin-record-changed = This PIN opens a record that was changed outside FibreLab: it opens nothing (written in the school's log). A trainer checks the store (fibrelab verify) and puts it back from its backup.
pin-wait = Too many wrong PINs in a row: try again in { $s } s.
trainee-pins-made = { $n } PIN(s) made, to hand to each trainee: the list is in { $file } (readable by you only; destroy it once the PINs are handed out).
pins-col-name = Full name
pins-col-ref = Reference
pins-col-pin = PIN
template-unbalanced = The attestation template has a `{"{{"} { $tag } {"}}"}` without its pair (each `{"{{"} if … {"}}"}` is closed by `{"{{"} end {"}}"}`, with at most one `{"{{"} else {"}}"}`).
print-page = Page
report-refused = refused:
report-log-summary = { $n ->
    [one] { $n } gesture
   *[other] { $n } gestures
} in { $duration }, { $refused ->
    [0] none refused by the bench
   *[other] { $refused } refused by the bench
}. { $shown ->
    [0] The whole log is in the annex.
    [one] Below, the key moment (a refusal, else the last gesture); the whole log is in the annex.
   *[other] Below, the { $shown } key moments (the refusals, then the last gestures); the whole log is in the annex.
}
report-annex-log = Annex — the whole log of { $name }: each gesture and what the bench said of it

## The school's store on a PostgreSQL server (school server setup).
server-unreachable = The school's server { $url } does not answer as it should: { $detail }
server-no-cert = To talk to the server { $url } encrypted, give the school's certificate in the address: …&sslrootcert=/path/school.crt (the file the IT staff copied to this computer). Without it FibreLab cannot know it is really the school's server.
server-not-url = "{ $found }" is not the address of a PostgreSQL server: it begins with postgres:// (for example postgres://postgres@localhost:5432/fibrelab).
server-roles-made = Roles made: fibrelab_owner (owns the tables), fibrelab_trainer (the trainers), fibrelab_seat (the rooms' computers), fibrelab_audit (the log of refusals).
server-tables-made = The school's tables made or brought up to date: { $n } statements, format { $format }.
server-functions-made = The seats' functions installed (open assessments, start, actions, finish); privileges put back: a seat can do nothing else.
server-key-kept = The school's key (fingerprint { $fingerprint }) is kept on the server, where no seat can read it.
server-trainer-login = Trainer login ready: { $role }.
server-room-login = Room login ready: { $role } (every computer of the room uses it, encrypted only).
server-bad-role = "{ $role }" cannot be a login name: lower-case letters without accents, digits and _ only, beginning with a letter.
server-bad-room = "{ $role }" cannot be a room's name: it begins with seat_ then lower-case letters, digits or _ (for example seat_room_b12).
server-password-short = The password of { $role } is too short: { $min } characters at least (a trainer's login reads the school's key).
server-password-needed = The password of { $role }: type it in a terminal, or give it in the variable { $var }.
server-password-prompt = Password of { $role }:
server-password-again = Once more:
server-setup-done = The school's database is ready on { $url } (key { $fingerprint }). Trainers connect with --db postgres://NAME@SERVER/fibrelab?sslmode=require&sslrootcert=school.crt, seats with their room's login.

## A seat of a room on the school's server.
seat-offline = The school's server no longer answers: the seat goes on and will hand the gestures over as soon as it answers ({ $detail }).
seat-needs-server = A room's seat connects to the school's server: give its address with --db postgres://… or FIBRELAB_DB.
seat-nothing-open = No open assessment for this trainee on the exercise "{ $scenario }" (or no attempt left).
seat-handed-in = Attempt handed in to the school's server ({ $attempt }). The trainer grades it by replaying what the server received.
seat-pin-needed = The trainee's PIN: type it in a terminal, or give it in the variable FIBRELAB_TRAINEE_PIN.
seat-time-up = The assessment's time is up (by the school server's clock): this gesture does not count.
seat-pin-wrong = Wrong PIN.
seat-pin-wait = Too many wrong PINs in a row: wait a little before trying again.
seat-pin-not-set = This trainee has no PIN on the server: the trainer must give them one (fibrelab trainee pin).
seat-unknown = The server does not know this assessment, trainee or attempt (or the trainee is archived).
seat-not-open = The assessment is not open yet.
seat-closed = The assessment is closed.
seat-no-attempts-left = Every attempt allowed for this assessment is already used.
seat-not-pinned = This assessment's exercise is not fixed on the server: the trainer must create the assessment again on the server.
seat-other-seat = This attempt was started from another room: it cannot go on here.
seat-attempt-not-open = This attempt is already finished or closed.
seat-bad-seq = The server expected another gesture (number): the attempt resumes from what the server received.
seat-bad-time = This gesture's time is wrong (before the previous one, or too late): refused.
seat-too-long = What was sent to the server is too long: refused.
seat-no-key = The school's server does not have the school's key (or has another one): IT must run "fibrelab school server setup" again.
seat-bad-input = The server refused a missing or malformed value.
seat-too-fast = More than 50 gestures in one second: faster than a hand, the server refuses this one.

## The app on a room's seat (the school's server)
app-seat-room = Room seat: assessments are sat on the school's server.
app-seat-nobody = Nobody has an open assessment right now. Ask the trainer.
app-seat-no-cohort = No group
app-seat-scenario-missing = The exercise “{ $scenario }” is not on this seat: ask the trainer.
app-seat-no-abandon = On a room seat an attempt cannot be abandoned: it stays open on the server. Resume it or finish it.
app-seat-no-store = The school's server is not open on this seat.
app-seat-waiting = The school's server is not answering: { $n ->
    [one] 1 gesture kept
   *[other] { $n } gestures kept
} on this seat, sent as soon as it answers. Carry on.
app-seat-handed-in = Handed in to the school's server. The trainer grades it.
app-seat-not-handed-in = Not handed in yet: the school's server is not answering. The seat tries again every 10 seconds; do not close FibreLab.
app-seat-offline-short = ⚠ offline: { $n ->
    [one] 1 gesture kept
   *[other] { $n } gestures kept
}
