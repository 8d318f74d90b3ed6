# FibreLab — English messages: jobs (stages chained).
# Each module has its own file; keep keys in step with the other language (a test checks).

## Splicer
val-job-link = A job's test stage measures the spliced link: its source must be a simulated link (Link), not a file.
val-job-splice-count = The test stage's link must hold exactly one JobSplice element (the trainee's splice); found: { $found }.
val-job-splice-fibres = On the { $side } side of JobSplice the link has { $found } while the splicing stage splices { $want }: use the same fibre.
job-side-left = left (before)
job-side-right = right (after)
val-job-no-fibre = no fibre
val-job-splice-outside = JobSplice only makes sense in a job (exercise: Job), where it receives the splice the trainee made.
val-job-line-outside = JobLine tests the line a job's connecting stage built: it belongs only in a job with a connecting stage (connect).
val-job-line-lead = From the trainee's splice on, the line is the connecting stage's: JobLine's elements are only the way from connector A to that splice, without { $found }.
act-next-stage = Next stage
act-test-fibre = Connect the OTDR to a fibre
task-job-then-test = Stage 1 of 2: preparation and splicing. When every splice is stored, go on to stage 2, testing each fibre with the OTDR.
task-job-stage-test = Stage 2 of 2: test each of the { $n } spliced fibres with the OTDR and fill in their reports.
out-job-test-stage = Splicing done. Test stage: { $n ->
    [one] 1 fibre to test
   *[other] { $n } fibres to test
} from end A.
out-job-connected = OTDR connected to { $fibre }.
refuse-job-splice-in-splicer = A splice is still in the splicer: open the cover (proof test) before going on to the next stage.
refuse-job-splicing-first = The OTDR comes at the next stage: finish the splices first.
refuse-job-fibre-not-in-job = This fibre is not part of the job.
refuse-job-last-stage = This is the last stage: finish the job when the reports are filled in.
refuse-job-no-fibre = No fibre to test.
refuse-job-splicing-over = The splicing stage is closed: the splices are not touched while testing.
hint-job-next-stage = Every splice is made: go on to the next stage, the OTDR test.
fb-job-not-tested = The fibres were not tested with the OTDR.
fb-job-fibre = On { $fibre }: { $detail }
fb-job-all-fibres = { $n ->
    [one] On the fibre:
   *[other] On all { $n } fibres:
} { $detail }
fb-job-event-over = The { $kind } at { $d } m loses { $loss } dB at { $wl } nm, for at most { $max } dB: the fibre fails acceptance.
fb-job-event-reflects = The { $kind } at { $d } m reflects more than { $max } dB: the fibre fails acceptance.
fb-job-event-fault = The { $kind } at { $d } m: the fibre fails acceptance.
fb-job-link-over = The link loses { $loss } dB at { $wl } nm, for at most { $max } dB: the fibre fails acceptance.
fb-job-accepted = Every fibre passes acceptance at { $wl } nm: each event and the total loss are within the limits, on a complete report.
task-job-testing = Stage 2 of 2: OTDR connected to { $fibre } ({ $i } of { $n }); each fibre has its own report.

## A report not complete enough to accept the job on
fb-job-report-incomplete = The report is not complete ({ $lack }): a job is accepted on its report, not on the splices alone.
fb-job-report-not-measured = no measurement at { $wl } nm { $dir }
fb-job-report-no-verdict = no verdict on the { $kind } at { $d } m
fb-job-report-no-link = no link result
fb-job-report-no-events = no event in the table

## A mechanical-splice job, in its own words
task-job-then-test-mech = Stage 1 of 2: preparation and mechanical splicing. When every splice is stored, go on to stage 2, testing each fibre with the OTDR.
task-job-stage-test-mech = Stage 2 of 2: test each of the { $n } joined fibres with the OTDR and fill in their reports.
out-job-test-stage-mech = Mechanical splicing done. Test stage: { $n ->
    [one] 1 fibre to test
   *[other] { $n } fibres to test
} from end A.
hint-job-next-stage-mech = Every mechanical splice is made: go on to the next stage, the OTDR test.
refuse-job-splicing-first-mech = The OTDR comes at the next stage: finish the mechanical splices first.
refuse-job-splicing-over-mech = The splicing stage is closed: the mechanical splices are not touched while testing.

## The debrief: a loss read one way only
cmp-one-way = read one way only
cmp-one-way-why = Event "{ $kind }" at { $d } m: you read { $given } dB, what the trace shows in this direction only. The fibre changes here (a different mode field and backscatter on each side): measured from one side the event looks larger than it is, from the other smaller, sometimes even a gain; the other direction would read about { $other } dB here. The true loss, { $true } dB, is the average of both directions: a one-way measurement is reported as one, and acceptance rests on the bidirectional average.
cmp-splitter-shown-why = The splitter at { $d } m: you read { $given } dB, what the trace shows from its input (the exchange's side). There the light is split N ways going out, but all N branches send their backscatter back, so the step shows only about 5·log10(N) plus its excess; its insertion loss is { $true } dB (10·log10(N) plus { $excess } dB of excess). Measure a splitter's loss from a subscriber's side or with a power meter; its excess is what acceptance judges.
fb-job-values-one-way = { $detail } But one value is right only as a one-way reading. { $why }
