# Time and dates
time-bad-date = `{ $found }` is not a date: write YYYY-MM-DD, such as 2026-09-07.
time-bad-moment = `{ $found }` is not a moment: write for example 2026-12-07T08:30+01:00.
time-no-offset = `{ $found }` has no time offset: add +01:00 (winter time in France) or +02:00 (summer time), so the deadline falls at the right hour.

# Class lists
roster-empty = The list is empty.
roster-no-header = The first line must name the columns (Last name, First name, or Full name; Reference optional); found: { $found }
roster-extra-cells = { $found } cells where the header has { $expected }: one semicolon or comma too many?
roster-no-name = no name on this line.
roster-bad-name = a name has at most { $max } characters and no control character.
roster-bad-uuid = `{ $found }` is not a FibreLab pseudonym (a UUID).
roster-too-long = the list goes over { $max } trainees: the rest is not read.
roster-imported = { $created } trainee(s) added, { $already } already there, { $dupes } duplicate(s) in the file, { $bad } line(s) refused.
roster-dry-run = Dry run, nothing is saved: { $created } trainee(s) would be added, { $already } already there, { $dupes } duplicate(s), { $bad } line(s) refused.

# Trainees, trainers, cohorts
trainee-unknown = No trainee `{ $key }`.
trainee-ambiguous = { $n } trainees are called `{ $key }`: give their identifier (trainee list).
pin-bad = A PIN has 4 to 12 digits.
trainer-added = Trainer added: { $uuid }. Their PIN is now asked for the school's commands.
trainer-pin-needed = A trainer's command: give your PIN (--trainer-pin or FIBRELAB_TRAINER_PIN).
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
assess-summary = Opens { $opens }, closes { $closes }, time limit { $limit } min (0 = none), { $attempts } attempt(s), seeds { $seed }, feedback { $feedback }.
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
bundle-not-counted = attempt { $uuid } kept, but it does not count for its assessment: played on another text than the one pinned here.
bundle-bad-uuid = its identifier is not a UUID.
bundle-imported = { $file }: { $accepted } attempt(s) accepted after replay, { $already } already here, { $refused } refused.

# xAPI
xapi-no-base = First set the school's address the xAPI ids live under: fibrelab school set base-iri https://training.your-school.example/fibrelab
xapi-bad-base = `{ $found }`: the school's address is an https address the school controls, without spaces, ? or #.
xapi-exported = { $n } xAPI statement(s) written to { $file }.
xapi-would-send = Dry run: { $n } statement(s) in { $batches } batch(es) wait.
xapi-refused = The LRS refuses the statements of attempt { $uuid }: { $detail }
xapi-unreachable = The LRS does not answer ({ $detail }): the statements wait for the next send.
xapi-sent = { $sent } statement(s) taken by the LRS, { $failed } failed; { $waiting } waiting.
xapi-status = { $waiting } statement(s) waiting, { $sent } sent; last successful send: { $last }.

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
app-time-left = Time left: { $left }
app-assessment-recorded = Attempt recorded.
app-assessment-feedback-later = Your trainer will give you the result.
app-my-assessments-back = My assessments
app-trainer-title = Trainer mode
app-tab-gradebook = Gradebook
app-tab-criteria = Criteria
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
purge-dry-run = Dry run: { $n } trainee(s) past their retention date.
purge-done = { $n } trainee(s) past their retention date: names erased, results kept under pseudonyms.

# Integrity
cli-assessment-hidden = This scenario is given in an assessment under way: the drawn values and the criteria's detail are not shown. To try it, copy it under another id.
origin-script = (script)
origin-assessment = (assessment)
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
seal-unsealed = no seal: this record was not made by FibreLab.
seal-start-changed = the record no longer matches its start seal (scenario, seed, trainee, date or origin changed).
seal-reopened = the attempt was ended, then re-opened.
seal-end-missing = the attempt is marked ended without FibreLab having ended it.
seal-end-changed = the record no longer matches its end seal (grade, log, dates or status changed).
seal-deleted = attempt { $uuid } was deleted.
seal-person-changed = the record of trainee { $uuid } was changed outside FibreLab.
seal-person-unsealed = the record of trainee { $uuid } was not made by FibreLab.
