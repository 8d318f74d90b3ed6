# FibreLab — English messages: shared by every module: the app, the command line, the records, scenario files, colours.
# Each module has its own file; keep keys in step with the other language (a test checks).

## Colours, codes, cables, tools
colour-red = red
colour-blue = blue
colour-green = green
colour-yellow = yellow
colour-violet = violet
colour-white = white
colour-orange = orange
colour-grey = grey (slate)
colour-brown = brown
colour-black = black
colour-turquoise = turquoise (aqua)
colour-pink = pink (rose)
colour-red-f = red
colour-blue-f = blue
colour-green-f = green
colour-yellow-f = yellow
colour-violet-f = violet
colour-white-f = white
colour-orange-f = orange
colour-grey-f = grey (slate)
colour-brown-f = brown
colour-black-f = black
colour-turquoise-f = turquoise (aqua)
colour-pink-f = pink (rose)
colour-code-standard-orange = "Standard Orange" colour code (12 colours, the order of French FTTH networks)
colour-code-tia598 = TIA-598 colour code
cable-loose-tube = outdoor loose-tube cable
cable-tight-buffered = indoor tight-buffered cable (900 µm)
cable-flat-drop = flat drop cable
mode-practice = practice
mode-assessment = assessment
module-cable-prep = Cable preparation
status-open = unfinished
status-finished = finished
status-closed = closed

## Gestures
act-ask-hint = Hint
act-finish = Finish and grade…

## Outcomes
out-finished = Exercise declared finished.

## Refusals
refuse-time-backwards = An action at { $at } s cannot come before the previous one at { $last } s.
script-bad-time = The time { $t } is not a time of an attempt: write the seconds since the start, from 0 to { $hours } hours, or leave `t` out for 10 s after the previous step.
script-out-of-range = { $found }{ $unit } is not possible in this gesture: allowed { $min } to { $max }{ $unit }.
refuse-time-too-late = This action comes { $at } hours after the start: an attempt lasts at most { $max } hours.
refuse-time-up = The assessment's time is up ({ $limit } min): the action is not taken, the attempt is graded as it stood at the deadline.
refuse-finished = The exercise is finished.
refuse-no-hints = No hints in an assessment.

## Grade feedback
fb-not-done = { $what }: not done.
fb-time-ok = Done in { $min } min (limit { $limit } min).
fb-time-over = { $min } min used, limit { $limit } min: on a job, time is counted per fibre.

## Scenario file problems
load-cannot-read = Cannot read the file: { $error }
load-not-regular = { $file } is not an ordinary file ({ $kind }): it is not read.
load-too-large = { $file } holds { $mb } MB: such a file holds at most { $max } MB.
file-kind-pipe = a named pipe
file-kind-socket = a socket
file-kind-device = a device
file-kind-folder = a folder
file-kind-other = neither a file nor a folder
load-not-text = This is not a text file (invalid byte { $byte }): a scenario is a RON text file saved as UTF-8.
load-empty = The file is empty: a scenario starts with Scenario(
syntax-eof = The file ends too early: a closing bracket or a value is missing.
syntax-expected = Expected `{ $what }` here.
syntax-expected-comma = Expected a comma between two items.
syntax-decimal-comma = Write numbers with a point: 12.5, not 12,5 (found { $found }).
syntax-expected-name = Expected a name here.
syntax-unexpected-char = Unexpected character `{ $char }`.
syntax-trailing = Text after the end of the scenario: everything must sit inside Scenario( ... ).
syntax-unclosed-string = This text has no closing double quote: it runs on into the next lines.
syntax-unclosed-comment = A comment is not closed (/* without */).
syntax-other = Syntax error: { $detail }
type-expected-text = Expected text between double quotes, like "Splice".
type-expected-integer = Expected a whole number.
type-expected-number = Expected a number.
type-expected-bool = Expected true or false.
type-mismatch = Expected { $expected }, found { $found }.
type-mismatch-varying = Expected { $expected }, found { $found }.
expect-number-or-range = a number, or Range(min, max)
expect-whole-number-or-range = a whole number, or Range(min, max)
unknown-field = Unknown field `{ $found }`. Allowed here: { $expected }.
unknown-field-suggest = Unknown field `{ $found }`: did you mean `{ $suggestion }`? Allowed here: { $expected }.
unknown-variant = Unknown value `{ $found }`. Allowed here: { $expected }.
unknown-variant-suggest = Unknown value `{ $found }`: did you mean `{ $suggestion }`? Allowed here: { $expected }.
missing-field = Missing field `{ $field }`.
duplicate-field = Field `{ $field }` written twice.
val-format = Format version { $found } is not supported: this program reads version { $supported }.
val-id = `{ $found }` is not a valid identifier: use lowercase letters, digits and dashes (at most 64).
val-duplicate-scenario-id = The id `{ $id }` is also the id of { $others }: an id names one exercise only (attempts are kept under it). Give each file its own id.
val-empty-text = This text is empty: every text needs French and English.
val-text-blank = This text shows nothing: it is empty, or holds only spaces or invisible characters. Write the words the trainee should read.
val-text-char = Character { $at } of this text is { $code }, { $why }: remove it (a text must show as it is written, on screen and in reports).
char-control = a control character (a terminal escape, a bell...) that acts on the screen instead of showing
char-layout = a line break or a tab, allowed in a briefing only
char-bidi = a writing-direction control, which can show the text in another order than written
char-invisible = an invisible character (zero-width, format or filler) that shows nothing
val-out-of-range = { $found }{ $unit } is out of range: allowed { $min } to { $max }{ $unit }. { $reason }
val-range-reversed = Range({ $min }, { $max }): the first bound must not be above the second.
val-no-criteria = The rubric has no criteria.
val-duplicate-id = Criterion id `{ $id }` used twice.
val-time-practice = WithinTime only applies to an assessment: practice is not timed.
why-difficulty = Difficulty goes from 1 (first contact) to 5 (expert).
why-duration = A duration is between 1 minute and 8 hours.
why-pass-mark = The pass mark is a score out of 100.
why-points = A criterion is worth 0.5 to 100 points.
why-tolerance = A tolerance must be positive and realistic.
why-chance = A chance runs from 0 (never) to 1 (every attempt).
why-angle = Cleave angle limits are between 0.1° and 5°.

## Records
db-error = Attempts database error: { $detail }
db-folder = Cannot create the folder { $path }: { $detail }
db-not-found = No attempt number { $id }.
db-corrupt = Attempt { $id } is damaged: { $detail }
db-not-open = Attempt { $id } is already finished or closed.
db-not-finished = Attempt { $id } has no grade: it is not finished.
db-damaged = The attempts database { $path } is damaged ({ $detail }). Nothing was written to it. Keep a copy of the file for the school's administrator and work with another database (--db) in the meantime.
db-newer = The attempts database { $path } was written by a newer FibreLab (format { $found }; this one reads format { $supported }): nothing was written to it. Use the newer version.
db-missing = There is no attempts database at { $path } yet: nothing has been recorded there.
verify-ok = Attempt { $id } ({ $scenario }, { $trainee }): grade { $score } confirmed by replay.
verify-ok-earlier = Attempt { $id } ({ $scenario }, { $trainee }): log intact, replayed; { $note }
verify-bad = Attempt { $id } ({ $scenario }, { $trainee }): MISMATCH: { $problem }
verify-hash = the stored scenario text does not match its hash.
verify-scenario-invalid = the stored scenario no longer loads.
verify-refused = action { $n } of the log is refused on replay.
verify-no-grade = no stored grade.
verify-score = stored score { $stored }, replay gives { $replayed }.
verify-criteria = the stored criteria or verdict differ from the replay.
verify-earlier-rules = graded { $stored } under grading rules { $rules }; today's rules ({ $now }) give { $score }. The stored grade is the one recorded.
verify-summary = { $n } finished attempt(s) checked, { $bad } mismatch(es).

## Command line
cli-col-module = module
cli-col-difficulty = lvl
cli-col-title = title
cli-list-invalid = { $file } is not a valid scenario (run fibrelab validate).
cli-valid = { $n } scenario file(s) valid.
cli-no-scenario = No scenario `{ $id }` (neither a file nor an id in { $dir }).
cli-script-other-scenario = This action list is written for `{ $script }`, not `{ $scenario }`.
cli-recorded = Attempt { $id } recorded in { $db }.
cli-refused = step { $n } refused: { $reason }
cli-score = Score { $score } / 100: { $verdict } (pass mark { $pass })
cli-passed = PASSED
cli-failed = FAILED
cli-no-gui = This build has no desktop app (built without the "gui" feature).

## Desktop app
app-tagline = Fibre-optic technician training simulator
app-trainee-name = Your name
app-trainee-hint = First name and last name
app-name-needed = Type your name to start: your results are kept under it.
app-you-are = You are { $name }.
app-roster-only = On this PC, find your name in the school's list: "I am…" below.
app-choose-exercise = Choose an exercise
app-scenario-count = { $n } exercises available.
app-no-records = Results cannot be saved: { $error }
app-not-recorded = This attempt is not being saved: { $error }
app-unfinished = Unfinished exercises
app-unfinished-line = { $title } ({ $n ->
    [one] 1 gesture done
   *[other] { $n } gestures done
})
app-resume = Resume
app-close-attempt = Give up
app-resumed = Exercise resumed where you left it.
app-back = Back
app-select-title = Exercises
app-all-modules = All ({ $n })
app-hello = Trainee: { $name }
app-difficulty = Level { $stars }
app-duration = { $min } min
app-open = Open
app-broken-files = Scenario files with errors
app-broken-help = These files are not offered to trainees until they are fixed (the list updates as soon as the file is saved).
app-scenario-gone = This exercise is no longer available (its file was removed or has an error).
app-rule-practice = Hints allowed, about { $min } min.
app-rule-assessment = Timed: { $min } min, no hints.
app-rule-assessment-item = Timed assessment: { $min } min in all, no hints. The clock starts when you click "Start the clock" and does not stop, even if you leave.
app-extra-time-included = Extra time of { $min } min included.
app-attempt-of = Attempt { $n } of { $of }
app-tasks-at-start = The tasks of your draw show on the bench as soon as you start.
app-start-clock = Start the clock
app-clock-limited = ⏱ { $clock } / { $limit } · { $left } left
app-cable = The cable
app-tasks = What you must do
app-start = Start
app-pass-mark = pass mark { $pass }
app-debrief-meta = Time { $min } min · draw no. { $seed } · your attempt no. { $attempt } at this exercise
app-critical = A critical point was missed: the exercise is failed whatever the score.
app-prepared-ends = Prepared fibre ends
app-end-line = { $fibre }: coating stripped { $strip } mm, cleave { $cleave } mm, angle { $angle }°, defects: { $defects }, clean: { $clean }
app-none = none
app-yes = yes
app-no = no
app-retry-same = Try again (same draw)
app-retry-new = Try again (new draw)
app-to-list = Exercise list
app-home = Home
app-text-size-help = Text size (Ctrl + and Ctrl − on the keyboard)
app-history-button = My history
app-history-title = My attempts
app-history-empty = No attempts yet.
app-history-when = Date
app-history-exercise = Exercise
app-history-attempt = Attempt
app-history-result = Result
app-history-passed = { $score } / 100, passed
app-history-failed = { $score } / 100, failed
app-history-debrief = See the debrief
app-history-open = in progress
app-history-closed = abandoned
app-history-handed-in = handed in: the result comes once the assessment allows
app-progress-none = Not tried yet
app-progress-attempts = { $n ->
    [one] 1 attempt
   *[other] { $n } attempts
}
app-progress-best = best: { $result }
app-progress-last = last: { $result }

## OTDR trace files (.sor)
sor-checksum-ok = Checksum { $value }: matches ({ $convention }).
sor-checksum-unknown = Checksum { $value }: matches none of the known conventions. Several instrument makers use their own; if this file comes from such an instrument it is probably fine, otherwise it may be damaged.
sor-no-checksum = No checksum block.
sor-skipped = Blocks skipped (proprietary or unknown): { $names }
sor-convention-ccitt = CRC-16/CCITT-FALSE over the bytes before it
sor-convention-xmodem = CRC-16/XMODEM over the bytes before it (Anritsu)
sor-convention-block = CRC-16/CCITT-FALSE over the bytes before the checksum block (otdrs)
sor-events-title = Events
sor-col-event = no.
sor-col-distance = distance (m)
sor-col-type = type
sor-col-loss = loss (dB)
sor-col-reflectance = reflectance (dB)
sor-type-reflective = reflective
sor-type-non-reflective = non-reflective
sor-type-end = end
sor-summary = Instrument { $instrument }: { $wavelength } nm, pulse { $pulse } ns, IOR { $ior }, backscatter { $bc } dB, { $points } points every { $resolution } m (range { $range } m).
sor-ids = Cable { $cable }, fibre { $fibre }, from { $a } to { $b }, operator { $operator }.
sor-totals = End-to-end loss { $e2e } dB, ORL { $orl } dB.
fibre-g652d = G.652.D single-mode
fibre-g657a1 = G.657.A1 bend-insensitive single-mode
fibre-g657a2 = G.657.A2 bend-insensitive single-mode
fibre-om3 = OM3 multimode 50/125
fibre-om4 = OM4 multimode 50/125

## OTDR
module-otdr = OTDR testing
module-splice = Splicing
refuse-wrong-module = This gesture does not belong to this exercise.
fb-check-module = This criterion does not apply to this exercise.
val-check-module = This criterion belongs to the "{ $check_module }" module; the exercise is "{ $module }".

## Splicer
module-job = Job (chained stages)
app-job-stages = By stage
val-check-fusion-only = This criterion only concerns fusion splicing (splicer, sleeve, oven); this exercise is a mechanical splice.

## Several items concerned by one criterion, and checks on work never reached
fb-concerned = { $first } Every case ({ $n }): { $items }.
fb-not-reached = { $what } not finished: this check judges gestures you did not reach, so it earns no points.

## Debrief: what was right beside what was done
app-critical-tag = CRITICAL: this criterion must be met to pass
app-concerned = Every case ({ $n }):
app-debrief-meta-unrecorded = Time { $min } min · draw no. { $seed } · not recorded
app-cmp-otdr = The true events beside your report
app-cmp-otdr-legend = Numbered lines on the trace: green as reported, red missed or invented, orange wrong type, value or verdict, grey too small to require.
app-cmp-no-trace = No trace was taken.
app-cmp-n = No.
app-cmp-true = True event
app-cmp-true-d = at (m)
app-cmp-true-loss = loss (dB)
app-cmp-true-verdict = verdict
app-cmp-yours = Your report
app-cmp-yours-d = at (m)
app-cmp-yours-loss = loss (dB)
app-cmp-yours-verdict = verdict
app-cmp-difference = Difference
cmp-same = as it is
cmp-missed = missed
cmp-not-required = too small to require
cmp-invented = not on the link
cmp-wrong-type = wrong type
cmp-wrong-value = value off
cmp-wrong-verdict = wrong verdict
app-cmp-fibre-shown = Fibre shown:
app-cmp-splices = Each splice: the splicer's estimate beside the true loss (1550 nm)
app-cmp-fibre = Fibre
app-cmp-estimate = Splicer's estimate (dB)
app-cmp-no-estimate = none (mechanical)
app-cmp-true-splice = True loss (dB)
app-cmp-no-splice = no splice
app-cmp-limit = Limit (dB)
app-cmp-lengths = Lengths asked and made
app-cmp-what = Length
app-cmp-what-fibre = { $what }, { $fibre }
app-cmp-asked = Asked
app-cmp-made = Made
app-cmp-not-made = not made

## Leaving an exercise: pause, quit, finish, abandon (Escape opens the menu)
app-finish-hover = Ends the attempt and grades it (asks first).
app-quit = Quit, resume later
app-quit-hover = The attempt stays open: resume it from the home screen, where you left it.
app-pause = Pause
app-menu = What do you want to do?
app-menu-hover = Menu (Escape)
app-go-on = Go on
app-abandon = Abandon this attempt…
app-paused = Paused
app-paused-clock-stopped = The clock is stopped. Nothing you do counts until you go on.
app-paused-clock-runs = Assessment: the clock keeps running during a pause, as at the bench.
app-confirm-finish = Finish and grade?
app-confirm-finish-text = The attempt will be graded as it stands now: you cannot add gestures afterwards.
app-yes-finish = Yes, grade it
app-confirm-abandon = Abandon this attempt?
app-confirm-abandon-text = The attempt is closed without a grade. It stays in the records as abandoned.
app-yes-abandon = Yes, abandon
app-cancel = Cancel
app-quit-kept = Attempt kept: resume it below, where you left it.
app-quit-unrecorded = This attempt was not recorded: it could not be kept.
app-abandoned = Attempt abandoned.
calc-bad-route = The route cannot be read, piece { $n }: { $why }
calc-bad-numbers = The weight, the friction and the back-tension must be numbers of 0 or more.
calc-fed-at-start = Cable fed at the route's start (winch at the end):
calc-fed-at-end = Cable fed at the route's end (winch at the start):
calc-pull-summary = Highest tension { $max } N ({ $max_dan } daN); at the winch { $eye } N.
calc-pull-sidewall = Highest sidewall pressure in a bend: { $s } N/m.
calc-feed-start = Feed the cable at the route's start: the highest tension is lower that way.
calc-feed-end = Feed the cable at the route's end, nearest the bends: the highest tension is lower that way.
route-piece = "{ $piece }": each piece starts with S (a straight) or B (a bend)
route-straight-form = "{ $piece }": a straight is S<metres>[@<slope in degrees>], e.g. S180 or S60@5
route-straight-values = "{ $piece }": the length must be above 0 m and the slope under 90°
route-bend-form = "{ $piece }": a bend is B<degrees>[R<radius in metres>], e.g. B90 or B90R0.5
route-bend-values = "{ $piece }": the angle must be above 0° and at most 360°, the radius above 0 m
calc-span-bad-numbers = The span, the weight and the sag (or the tension) must be numbers above 0.
calc-span-bad-heights = The heights cannot be read ("{ $found }"): give the attachment heights at A and at B, e.g. 6.5,5.
calc-span-parabola = Parabola: sag { $sag } m, horizontal tension { $t } N ({ $dan } daN).
calc-span-catenary = Catenary: sag { $sag } m, horizontal tension { $t } N ({ $dan } daN), parameter { $p } m.
calc-span-length = Cable length { $arc } m; tension at the poles { $poles } N.
calc-span-lowest = Lowest point { $x } m from A, { $h } m high.
calc-pole-bad-numbers = Height, diameters, nominal force and reference height must be above 0 (the reference under the top), the wind 0 or more.
calc-pole-bad-cable = Cable { $n } ("{ $found }"): "{ $what }" is missing or cannot be read. Write tension=N,diameter=M,height=M,spans=L1/L2,deviation=DEG (or deviation=end).
calc-pole-cable-above = Cable { $n }: attached higher than the pole.
calc-pole-cable = Cable { $n }: resultant { $r } daN, wind { $w } daN, moment { $m } N·m.
calc-pole-result = Wind on the pole { $pole } N·m; ground-line moment { $m } N·m; equivalent head force { $f } daN: { $u } % of the nominal force; { $left } daN left.
calc-pole-passes = The pole holds (≤ 100 %).
calc-pole-overloaded = The pole is overloaded (> 100 %): guy it, double it, replace it with a stronger class, add an intermediate pole or lighten the load.

# Files
io-at = { $path }: { $what }
io-not-found = the file or folder does not exist
io-permission-denied = access denied (not enough rights)
io-already-exists = it already exists
io-is-a-directory = it is a folder, not a file
io-not-a-directory = part of the path is not a folder
io-read-only = the disk is read-only
io-storage-full = the disk is full
io-invalid-data = its content cannot be read
io-cut-short = the file ends before its end
io-too-large = the file is too large
io-busy = the file is in use by another program
io-other = system error: { $detail }
page-written = Page written: { $file } (open it in a browser, then Print).
page-cannot-write = Cannot write the page { $file }: { $detail }
results-written = { $n ->
    [one] { $n } attempt written
   *[other] { $n } attempts written
} to { $file }.
results-xlsx-needs-out = An .xlsx workbook is written to a file: add --out results.xlsx.
school-setting-set = Setting "{ $key }": { $value }.
review-recorded = Decision recorded for attempt { $attempt }: { $decision }.
trainee-exported = Folder written in { $dir }: their data (JSON) and their results (CSV).
app-try-again = Try again
