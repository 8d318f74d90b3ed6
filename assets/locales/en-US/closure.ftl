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
