# FibreLab — English messages: cable preparation.
# Each module has its own file; keep keys in step with the other language (a test checks).

## Colours, codes, cables, tools
colour-unknown = unknown colour
tool-sheath-stripper = sheath stripper
tool-drop-stripper = flat drop stripper
tool-knife = cable knife
tool-aramid-scissors = aramid scissors
tool-side-cutters = side cutters
tool-tube-stripper = loose-tube stripper
tool-coating-stripper = coating stripper (3 holes)
tool-wire-stripper = electrician's wire stripper
fibre-in-tube = the { $fibre } fibre (no. { $n }) of the { $tube } tube (no. { $t })
fibre-alone = the { $fibre } fibre (no. { $n })

## Gestures
act-slide-sleeve = Slide the protection sleeve on
act-strip-sheath = Strip the sheath
act-cut-strength = Cut the strength members
act-open-tube = Open the tube
act-remove-gel = Remove the gel
act-pick-fibre = Pick the fibre
act-strip-coating = Strip the coating
act-clean = Clean with alcohol
act-cleave = Cleave
act-dispose-shard = Shard into the bin
act-lay-on-bench = Lay the fibre on the bench

## Tasks and hints
task-prepare-fibre = Prepare { $fibre } for splicing.
task-fibre-numbers = fibre no. { $n } of tube no. { $t }
task-fibre-number = fibre no. { $n }
task-lengths = Sheath { $sheath } mm, strength members kept { $keep } mm, coating stripped { $coating } mm, cleave at { $cleave } mm.
hint-strip-sheath = Strip { $mm } mm of sheath with the { $tool }. On the drawing, drag the mark along the cable's ruler to { $mm } mm (or type the length), then “Strip”.
hint-cut-strength = Cut the strength members, keeping { $mm } mm to anchor the cable, with the { $tool } (set “Keep” to { $mm } mm, then “Cut”).
hint-open-tube = Open the { $colour } tube (tube no. { $t }) with the loose-tube stripper.
hint-remove-gel = Wipe the gel off with gel remover before touching the fibres.
hint-pick = Take { $fibre } in hand: find it by its colour and click it on the drawing of the cable (or pick its colours on the right).
hint-sleeve = Slide the protection sleeve onto the fibre now, before it is cleaved.
hint-strip-coating = Strip { $mm } mm of coating with the coating stripper, normal pressure: drag the mark on the fibre's ruler to { $mm } mm, then “Strip the coating”.
hint-clean = Clean the bare glass with a lint-free wipe and alcohol.
hint-cleave = Cleave, leaving { $mm } mm of bare glass: drag the mark on the fibre's ruler to { $mm } mm, then “Cleave”; touch nothing afterwards.
hint-recleave = This cleave is not good enough (angle { $angle }°, or a defect on the end face): strip again to { $mm } mm, clean and cleave again.
hint-recleave-dirty = This end face is dirty: strip again to { $mm } mm, clean and cleave again; never wipe a cleaved end.
hint-strip-again = The fibre broke: the stripped glass is lost and the end is coated again. Strip it once more ({ $mm } mm, coating stripper, normal pressure), then clean and cleave.
hint-shard = Put the glass shard in the scrap bin.
hint-finish = Everything asked is done: you can declare it finished.

## Outcomes
out-sheath-stripped = Sheath stripped over { $mm } mm.
out-tube-nicked = The blade went too deep: a tube is nicked, its fibres may be damaged.
out-strength-cut = Strength members cut, { $mm } mm kept.
out-aramid-frayed = The aramid yarn is frayed: loose threads will get in the way in the closure.
out-tube-opened = Tube opened.
out-tube-fibres-nicked = The fibres in the tube were pinched by the tool.
out-gel-visible = The fibres are covered in gel.
out-gel-removed = Gel removed.
out-gel-residue = Gel remains on the fibres.
out-fibre-in-hand = You hold { $fibre }.
out-sleeve-on = Protection sleeve on the fibre.
out-coating-stripped = Coating stripped over { $mm } mm.
out-fibre-nicked = The glass is nicked: it may break at the cleaver or later in the splice tray.
out-coating-residue = Crumbs of coating remain on the glass.
out-fibre-broke = The fibre broke in the stripper: strip again further back.
out-clean = The glass is clean.
out-still-dirty = The glass is still dirty.
out-cleaved = Cleaved: { $mm } mm of bare glass, angle { $angle }°.
out-defect = End-face defect: { $defect }.
out-snapped-at-nick = The fibre snapped at the nick when the cleaver tensioned it.
out-shard = A glass shard is left on the cleaver.
out-shard-disposed = Shard in the scrap bin.
out-laid-down = Fibre laid on the bench.

## Refusals
refuse-length = Length { $found } mm is not possible here (between { $min } and { $max } mm).
refuse-sheath-done = The sheath is already stripped.
refuse-tool-cannot-sheath = This tool cannot strip a cable sheath.
refuse-sheath-first = Strip the sheath first: nothing inside can be reached yet.
refuse-strength-done = The strength members are already cut.
refuse-tool-cannot-cut-rigid = This tool cannot cut a rigid strength member: use side cutters.
refuse-tool-cannot-cut = This tool cannot cut strength members.
refuse-no-tube = This cable has no loose tube: the fibres are tight-buffered.
refuse-which-tube = Say which tube, by its colour.
refuse-no-such-tube = There is no { $colour } tube in this cable.
refuse-tube-open = This tube is already open.
refuse-tool-cannot-tube = This tool cannot open a tube.
refuse-no-gel = This cable is dry: there is no gel to remove.
refuse-no-open-tube = No open tube has gel left on it.
refuse-no-such-fibre = There is no { $colour } fibre in this tube or cable.
refuse-tube-closed = That fibre's tube is still closed.
refuse-no-fibre-in-hand = Take a fibre in hand first.
refuse-sleeve-on = The sleeve is already on this fibre.
refuse-tool-cannot-coating = This tool cannot strip a fibre coating.
refuse-clean-coated = The fibre still has its coating: strip it before cleaning the glass.
refuse-cleave-coated = The fibre still has its coating: strip it before cleaving.
refuse-cleave-on-coating = A cleave at { $cleave } mm would fall on the coating: only { $bare } mm of glass is bare.
refuse-no-shard = There is no shard to throw away.

## Mistakes (said at once, and again in the grade)
mistake-wrong-tool = Wrong tool: { $tool } instead of the { $right }.
mistake-cleave-uncleaned = Cleaved without cleaning the glass first: the dirt ends up on the end face and in the splice.
mistake-sleeve-after-cleave = Sleeve slid over a cleaved end: the end face touched the sleeve and must be cleaved again.
mistake-strip-before-gel = Coating stripped through gel: the gel clogs the stripper and stays on the glass.
mistake-clean-after-cleave = A cleaved end was wiped: wiping drags dust over the end face and can chip it.
mistake-touched-clean = Clean glass touched something: it is dirty again.

## Grade feedback
what-sheath = Sheath strip
what-strength = Strength members kept
what-coating = Coating strip
what-cleave = Cleave
what-preparation = Fibre preparation
what-cleave-quality = Cleave quality
what-sheath-why = The stripped length is what the closure or box is designed for: too short and the fibres cannot be stored in the cassette, too long and the bare tubes are left unprotected.
what-strength-why = The strength members are clamped in the closure: too short and they cannot be anchored, so the pull goes onto the fibres.
what-coating-why = The splicer's holders and the sleeve expect this strip length: too short and the glass cannot be cleaved at the right length, too long and bare glass is left outside the sleeve, where it breaks.
fb-length-ok = { $what }: { $actual } mm, target { $target } ± { $tol } mm. Good.
fb-length-long = { $what }: { $actual } mm, too long (target { $target } ± { $tol } mm). { $why }
fb-length-short = { $what }: { $actual } mm, too short (target { $target } ± { $tol } mm). { $why }
fb-wrong-fibre = Wrong fibre: you prepared { $wrong }, the task was { $right }. On a live network, cutting the wrong fibre cuts a customer off.
fb-fibre-missing = Not prepared: { $fibre }.
fb-right-fibre-ok = The right fibres were found by their colours.
fb-sleeve-forgotten = No protection sleeve on { $fibre }: after splicing it cannot be slid on, so the splice must be cut and redone.
fb-sleeve-late = The sleeve went on { $fibre } after the cleave: the end face touched the sleeve and is no longer fit to splice.
fb-sleeve-ok = Protection sleeve on before the cleave.
fb-order = Order of operations, gesture { $n }: { $detail }
fb-order-ok = Gestures in the right order.
fb-tools = Tools, gesture { $n }: { $detail } The wrong tool nicks fibres that will break later, in the customer's network.
fb-tools-ok = The right tool for each gesture.
fb-cleave-defect = Cleave of { $fibre }: { $defect }. A defective end face gives a high-loss splice or bubbles: cleave again.
fb-cleave-angle = Cleave of { $fibre }: angle { $angle }°, above { $max }°. The splicer will refuse it or the splice will lose too much: cleave again.
fb-cleave-ok = Clean cleaves, angles within { $max }°.
fb-dirty = The end face of { $fibre } is dirty: dirt in a splice makes bubbles and losses.
fb-dirty-gel = Gel remains on { $fibre }: gel burns in the arc and ruins the splice.
fb-dirty-coating = Coating crumbs remain on { $fibre }: they tilt the fibre in the cleaver and the splicer.
fb-clean-ok = Clean end faces.
fb-broken = Break: { $fibre } broke { $n } time(s) ({ $mm } mm lost). In a closure the spare length is limited, each break shortens it.
fb-nicked = Nick on { $fibre }: it will break during the proof test or later in the tray.
fb-intact-ok = No fibre nicked or broken.
fb-shards = { $n } glass shard(s) not put in the bin: shards get into skin and eyes and are almost invisible.
fb-shards-ok = Every shard in the bin.

## Scenario file problems
val-cleave-beyond-strip = A cleave at { $cleave } mm cannot be made on { $strip } mm of bare glass: the cleave length must be shorter than the coating strip.
val-keep-beyond-sheath = { $keep } mm of strength member cannot be kept beyond a sheath strip of { $sheath } mm.
val-coating-beyond-sheath = A coating strip of { $strip } mm does not fit in a sheath strip of { $sheath } mm.
val-no-tasks = No task: say which fibre(s) to prepare.
val-too-many-tasks = { $tasks } tasks, but the cable has only { $fibres } fibres.
val-tube-missing = This cable has several tubes: say which one with tube:.
val-tube-not-applicable = This cable has no numbered tubes: leave out tube:.
val-duplicate-task = This fibre is already asked for by another task.
why-max-12 = Format 1 handles up to 12 tubes of 12 fibres (fibres 13–24 carry ring marks, not yet drawn).
why-drop-fibres = Flat drop cables carry 1 to 4 fibres.
why-sheath-strip = Sheath is stripped over 2 cm (connector) to 3 m (closure).
why-strength-keep = Strength members are kept 0 to 20 cm to be clamped.
why-coating-strip = Coating is stripped over 5 to 60 mm; strippers and splicer holders take no more.
why-cleave-length = Cleavers cut between 3 and 30 mm of bare glass.
why-wear = Blade wear goes from 0 (new) to 1 (worn out).
why-hand = Hand precision is a spread of 0 to 10 mm.
why-tube-count = This cable has { $tubes } tubes.
why-fibre-count = There are { $fibres } fibres per tube or cable.

## Desktop app
app-what-happened = What happened
app-do-strip = Strip
app-keep = Keep
app-do-cut = Cut
app-do-open = Open the tube
app-do-degel = Remove
app-tube = Tube:
app-fibre = Fibre:
app-do-pick = Take this fibre
app-force-light = light
app-force-normal = normal
app-force-hard = hard
app-do-strip-coating = Strip the coating
app-do-clean = Clean
app-do-cleave = Cleave
app-do-shard = Shard to the bin ({ $n })
app-gel-cleaner = gel remover and wipe
app-gel-alcohol = alcohol only
app-gel-dry = dry wipe
app-clean-alcohol = lint-free wipe and alcohol (IPA ≥ 99 %)
app-clean-dry = dry lint-free wipe
app-clean-cloth = ordinary cloth or tissue
app-view-cable = Cable end: lengths to scale, thickness × { $scale }
app-view-fibre = Fibre in hand: lengths to scale, thickness × { $scale }
app-ruler-mm = mm from the cable end
app-ruler-glass = mm of bare glass from the coating edge
app-sleeve = protection sleeve
app-no-fibre-yet = No fibre in hand yet.
app-angle = angle { $angle }° (drawn × 10)
app-mark = { $mm } mm
app-cue-drag-sheath = Drag the mark on the ruler: sheath to strip
app-cue-click-fibre = Click a fibre to take it in hand
app-cue-drag-coating = Drag on the ruler: strip length
app-cue-drag-cleave = Drag on the ruler: cleave length
app-member-central = central strength member
app-member-rods = strength rods
app-fibre-broken = Fibre broken: strip it again
app-shards-on-bench = { $n } glass shard(s) on the bench

## Splicer
app-job-next-stage = Next stage: the test ➜

## Items named in a criterion's list
fb-item-wrong-fibre = { $fibre } prepared by mistake
fb-item-not-prepared = { $fibre } not prepared
fb-item-gesture = gesture { $n }
fb-item-gesture-what = gesture { $n }: { $detail }
fb-item-length = { $fibre } at { $mm } mm
fb-item-cleave-defect = { $fibre }: { $defect }
fb-item-cleave-angle = { $fibre }: { $angle }°
