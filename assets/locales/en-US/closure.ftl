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
