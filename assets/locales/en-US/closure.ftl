# The closure job (issue 28): the plan de boîte in GraceTHD's shape.

val-plan-code = `{ $found }` is not a GraceTHD code: letters, digits, ".", "_" and "-", starting with a letter or a digit (at most 64).
val-plan-code-twice = The code `{ $code }` is also the code of { $other }: a code names one row.
val-plan-modulo = { $capafo } fibres do not fill tubes of { $modulo }: a cable's capacity is a whole number of tubes.
val-plan-needs-partner = A { $fonct } position joins two fibres: give the second in `ps_2`.
val-plan-no-partner = A { $fonct } position holds one fibre: leave `ps_2` out.
val-plan-unknown-fibre = No cable of the box has the fibre `{ $fibre }` (cables: { $cables }; their fibres run from FO-<cable>-001 to their capacity).
val-plan-fibre-twice = The fibre `{ $fibre }` is already in position `{ $other }`: a fibre sits in one position only (spliced twice, or stored and spliced).
val-plan-unknown-cassette = No cassette is coded `{ $found }`.
val-plan-compartment-past = Compartment { $numero } does not exist: the cassette has { $capacity }.
val-plan-compartment-twice = Compartment { $numero } of this cassette is already position `{ $other }`.
val-plan-over-capacity = The cassette holds { $capacity } positions and the plan puts { $count } in it.
val-plan-route-order = The route `{ $route }` numbers this fibre { $found }: number its fibres 1, 2, 3… in order (here { $expected }).

# The work order (OT) and its route optique read against the plan in the field.
val-ot-pto = `{ $found }` is not a PTO reference: two letters or digits, a dash, four, a dash, four (OO-XXXX-XXXX, capitals).
val-ot-from-one = Numbered from 1.
val-ot-empty = Empty: write it as the OT gives it.
val-ot-chances-sum = The chances of an OT that does not match the field add up to { $sum }: at most 1.
ot-route-holds = The route holds: the named fibre waits in position { $position } for this customer.
ot-route-spliced = The route holds: the named fibre is already spliced for this customer in position { $position }.
ot-route-wrong-box = This box is { $here }, not the one the work order names: check the box's label before opening anything.
ot-route-used = FINT06, route optique already used: the named fibre is in position { $position } for { $by }. Stop and report; never cut a live customer's splice to make room (that is defect FD46).
ot-route-missing = FINT07, wrong route optique information: the box has no such fibre waiting (it does not exist here, or it passes through uncut). Stop and report.

# At the box: the job's first stage (the work order and the plan de boîte).
ot-code-fint06 = route optique already used
ot-code-fint07 = wrong route optique information
val-job-order-route = The work order as written must hold on the plan (each attempt draws its variants from it): { $finding }
val-job-order-cable = The splicing stage prepares the cable the work order names, { $cable }: { $capafo } fibres in tubes of { $modulo } (give `prep.cable` that shape).
val-splice-to-fibre-one = One fibre is spliced onto the drop's: give one task (found { $n }).
val-job-order-and-route = A job that starts at the box with a work order has no routing stage yet: leave `route` out.
act-locate-fibre = Name the position of the OT's fibre
act-report-route = Stop and report the OT's mismatch
refuse-job-order-first = First, at the box: read the work order against the plan and name the position of its fibre (or report the mismatch).
refuse-order-reported = The mismatch is reported: the job stops here. Finish the exercise.
refuse-order-no-position = The plan has no position `{ $position }`.
refuse-order-over = The work order was read at the start of the job.
refuse-order-not-located = Name the position that holds the work order's fibre first (click its row in the plan).
refuse-order-no-fibre-there = That position holds no fibre of the work order's cable: nothing to splice there.
out-order-located = Position { $position } named: it holds the fibre { $fibre }.
out-order-reported = Reported to the hotline: { $code } ({ $label }). The job stops here.
task-order-read = Work order { $number }: at { $pbo }, cable { $cable }, tube { $tube }, fibre { $fibre }, for premises { $suf }.
task-order-locate = Find that fibre in the plan de boîte and name its position; if the box does not match the work order, stop and report it with its code.
task-order-located = Position named: { $position }.
task-order-reported = Reported: { $code }.
next-order-go-splice = The position is named: go on to the splicing of that fibre.
next-order-finish = The mismatch is reported: finish the exercise.
hint-order-number = Tube { $tube } is { $tube_colour }, fibre { $fibre } is { $fibre_colour }: in tubes of { $modulo } that is fibre number ({ $tube } − 1) × { $modulo } + { $fibre } = { $n }, coded { $code } on the PM's side of the cable. Find it in the plan and read its function and its premises.
hint-order-no-fibre = The cable { $cable } has no such tube or fibre: compare the work order with the plan's cables.
fb-job-stopped-on-report = The job stopped at the box on the work order's mismatch, reported with { $code }: nothing more was to be done, as the operator requires.
fb-order-right-position = Right box, right fibre: position { $position }.
fb-order-wrong-position = Position { $position } named, but the work order's fibre waits in { $right }: the customer would be connected on another fibre (ARCEP's first criterion, right fibre).
fb-order-not-located = The work order's fibre was never found in the plan.
fb-order-reported-wrongly = { $code } was reported, but the box holds the route: { $finding } The customer was left unconnected.
fb-order-reported = Rightly stopped and reported. { $finding }
fb-order-wrong-code = Rightly stopped, but reported with { $code } where the box calls for another code. { $finding }
fb-order-not-reported = The box does not hold the work order's route; the right gesture was to stop and report. { $finding }

# At the box, on screen.
app-ot-title = Work order
app-ot-number = OT no.
app-ot-activity = Activity
app-ot-customer = Customer
app-ot-address = Address
app-ot-pm = PM · drawer · position
app-ot-pbo = PBO
app-ot-cable = Cable
app-ot-tube = Tube
app-ot-fibre = Fibre
app-ot-suf = Premises (SUF)
app-ot-pto = PTO
app-ot-click-row = Click the plan's row that holds the work order's fibre.
app-ot-go-splice = Splice this fibre →
app-ot-report = Box does not match the OT: stop and report
app-plan-title = Plan de boîte { $box } ({ $code })
app-plan-cables = Cables:
app-plan-position = Position
app-plan-cassette = Cass. · no.
app-plan-fibre = Fibre (ps_1)
app-plan-tube-fibre = Tube · fibre
app-plan-to = Joined to (ps_2)
app-plan-function = Function
app-plan-suf = Premises

# The job's dossier (deliverables, FTTH-JOBS §9).
dossier-tableau-file = summary-table.csv
dossier-col-cable = Cable
dossier-col-fibre = Fibre
dossier-col-tube = Tube
dossier-col-number = No. in tube
dossier-col-colour = Colour
dossier-col-from = Origin (A)
dossier-col-to = Far end (B)
dossier-col-length = Length (m)
dossier-col-loss = Loss { $wl } nm (dB)
dossier-col-worst-splice = Worst splice (dB)
dossier-col-worst-connector = Worst connector (dB)
dossier-col-worst-reflectance = Worst reflectance (dB)
dossier-col-result = Result
dossier-col-files = .sor files
dossier-pass = Pass
dossier-fail = Fail
dossier-not-measured = Incomplete test
dossier-nothing = Nothing to hand in: the job has not reached its test and does not start from a plan de boîte.
dossier-not-a-job = This scenario is not a job: it has no dossier to hand in.
app-dossier-hand-in = Hand in the dossier
app-dossier-hand-in-help = The job's deliverables, in FibreLab's data folder: the .sor traces named by cable, fibre and wavelength, the summary table, each fibre's report, and, for a job that starts from a plan de boîte, the DOE's GraceTHD tables (t_cassette, t_position, t_ropt) and the documents list.
dossier-written = Dossier handed in: { $n } files in { $dir }
