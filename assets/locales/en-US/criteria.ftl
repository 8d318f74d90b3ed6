# FibreLab — English messages: the title of each criterion a rubric can check, as a trainer
# reads it in the results, the statistics, the reports and the LRS (a noun phrase).
# Keep keys in step with the other language (a test checks).

## Every module
crit-within-time = Within the time allowed

## Cable preparation
crit-right-fibre = Right fibres prepared
crit-sleeve-before-cleave = Splice sleeve on before cleaving
crit-operation-order = Order of the operations
crit-right-tools = Choice of tools
crit-sheath-strip-length = Sheath strip length
crit-strength-member-length = Strength member length
crit-coating-strip-length = Coating strip length
crit-cleave-length = Cleave length
crit-cleave-quality = Cleave quality
crit-end-face-clean = Clean fibre end face
crit-fibre-intact = Fibre unbroken
crit-shards-disposed = Fibre offcuts in the bin

## OTDR
crit-cables-used = Launch and receive cables connected
crit-all-measured = Every wavelength measured
crit-ior-set = Group index (IOR) set
crit-range-fit = Suitable distance range
crit-pulse-fit = Suitable pulse width
crit-averaging-time = Averaging time
crit-events-found = Events found
crit-event-types = Event types
crit-event-values = Event loss and reflectance
crit-fault-located = Break located
crit-link-result = Link length and total loss
crit-verdicts = Pass or fail verdicts

## Splicing
crit-splices-made = Every splice made
crit-splice-loss = Splice loss
crit-recleaved-when-refused = Cleaved again when the splicer refused
crit-faulty-splices-redone = Faulty splices redone
crit-right-programme = Right splicer programme
crit-sleeves-shrunk = Splice sleeves shrunk in the oven
crit-tray-bend-radius = Bend radius in the tray
crit-clean-ends-fused = Clean ends fused

## Whole job
crit-job-accepted = Fibres pass acceptance
crit-job-route-read = Right box, right fibre (work order read)
crit-job-defects-filed = Defects filed (box audit)
crit-job-plan-followed = Plan de boîte followed (right fibre, right position)
crit-job-express-intact = Cable opened without harm (express tubes whole)
crit-job-lines-kept = No customer in service cut
crit-job-window-opened = Mid-span window of the right length
crit-job-fibres-stored = Fibres coiled in the cassettes
crit-job-box-closed = Box closed and labelled

## Cable routing
crit-poles-safe = Pole safety
crit-poles-inspected = Poles inspected before deciding
crit-poles-recorded = Pole label numbers recorded
crit-hardware-rules = Anchor or suspension hardware
crit-span-sag = Span sag
crit-road-clearance = Clearance over roads
crit-loaded-tension = Tension under climatic loads
crit-pull-within-limits = Pull under the maximum tension
crit-sidewall-pressure = Sidewall pressure in bends
crit-swivel-rated = Breakaway swivel rating
crit-bend-radius = Bend radius while pulling
crit-figure-eight = Figure-eight in the chamber
crit-procedure-order = Order of opening the chamber
crit-procedure-complete = Procedure complete
crit-study-readings = Pole utilisation read
crit-pole-remedies = Remedy for each pole studied
crit-fill-ratio = Duct fill ratio
crit-blown = Cable blowing
crit-trench-depths = Trench depth
crit-warning-mesh = Warning mesh
crit-network-spacing = Spacing from the low-voltage cable
crit-transition-built = Aerial-to-underground transition

## Connecting and measuring
crit-faces-inspected = End faces inspected before connecting
crit-connected-clean = End faces clean when connected
crit-faces-judged = End-face verdicts
crit-damaged-replaced = Damaged connectors replaced
crit-budget-right = Loss budget worked out
crit-reference-right = Measurement reference
crit-loss-measured = Loss measured
crit-loss-verdict = Link verdict
crit-pon-judged = PON levels read and judged
crit-fault-found = Fault found with the red light
crit-report-right = Intervention report
crit-connector-fitted = Field connectors fitted
crit-fibre-identified = Fibre identified at end B

## A criterion whose scenario no longer reads
crit-unknown = Criterion “{ $id }”
