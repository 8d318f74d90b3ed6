# Le chantier de boîtier (ticket 28) : le plan de boîte au format GraceTHD.

val-plan-code = `{ $found }` n'est pas un code GraceTHD : lettres, chiffres, « . », « _ » et « - », en commençant par une lettre ou un chiffre (64 au plus).
val-plan-code-twice = Le code `{ $code }` est aussi celui de { $other } : un code ne désigne qu'une ligne.
val-plan-modulo = { $capafo } fibres ne remplissent pas des tubes de { $modulo } : la capacité du câble doit être un nombre entier de tubes.
val-plan-needs-partner = Une position { $fonct } relie deux fibres : indiquez la seconde dans `ps_2`.
val-plan-no-partner = Une position { $fonct } n'a qu'une fibre : retirez `ps_2`.
val-plan-unknown-fibre = Aucun câble du boîtier n'a la fibre `{ $fibre }` (câbles : { $cables } ; leurs fibres vont de FO-<câble>-001 à leur capacité).
val-plan-fibre-twice = La fibre `{ $fibre }` est déjà dans la position `{ $other }` : une fibre n'occupe qu'une position (soudée deux fois, ou à la fois stockée et soudée).
val-plan-unknown-cassette = Aucune cassette n'a le code `{ $found }`.
val-plan-compartment-past = Le compartiment { $numero } n'existe pas : la cassette en a { $capacity }.
val-plan-compartment-twice = Le compartiment { $numero } de cette cassette est déjà la position `{ $other }`.
val-plan-over-capacity = La cassette a { $capacity } positions et le plan en place { $count }.
val-plan-route-order = La route `{ $route }` numérote cette fibre { $found } : numérotez ses fibres 1, 2, 3… dans l'ordre (ici { $expected }).

# L'ordre de travail (OT) et sa route optique confrontés au plan sur le terrain.
val-ot-pto = `{ $found }` n'est pas une référence de PTO : deux lettres ou chiffres, un tiret, quatre, un tiret, quatre (OO-XXXX-XXXX, en majuscules).
val-ot-from-one = Numéroté à partir de 1.
val-ot-empty = Vide : écrivez-le comme l'OT le donne.
val-ot-chances-sum = Les probabilités d'un OT qui ne correspond pas au terrain font { $sum } ensemble : au plus 1.
ot-route-holds = La route tient : la fibre nommée attend en position { $position } pour ce client.
ot-route-spliced = La route tient : la fibre nommée est déjà soudée pour ce client en position { $position }.
ot-route-wrong-box = Ce boîtier est { $here }, pas celui de l'ordre de travail : vérifiez l'étiquette du boîtier avant d'ouvrir quoi que ce soit.
ot-route-used = FINT06, route optique déjà utilisée : la fibre nommée est en position { $position } pour { $by }. Arrêtez et signalez ; ne coupez jamais la soudure d'un client en service pour faire de la place (c'est le défaut FD46).
ot-route-missing = FINT07, informations de route optique erronées : le boîtier n'a pas cette fibre en attente (elle n'existe pas ici, ou elle passe sans être coupée). Arrêtez et signalez.

# Au boîtier : la première étape du chantier (l'ordre de travail et le plan de boîte).
ot-code-fint06 = route optique déjà utilisée
ot-code-fint07 = informations route optique erronées
val-job-order-route = L'ordre de travail tel qu'il est écrit doit tenir sur le plan (chaque tentative en tire ses variantes) : { $finding }
val-job-order-cable = L'étape de soudure prépare le câble que nomme l'ordre de travail, { $cable } : { $capafo } fibres en tubes de { $modulo } (donnez cette forme à `prep.cable`).
val-splice-to-fibre-one = Une seule fibre est soudée sur celle du câble de branchement : donnez une seule tâche ({ $n } trouvées).
val-job-order-and-route = Un chantier qui commence au boîtier avec un ordre de travail n'a pas encore d'étape de pose : retirez `route`.
act-locate-fibre = Nommer la position de la fibre de l'OT
act-report-route = Arrêter et signaler l'écart de l'OT
refuse-job-order-first = D'abord, au boîtier : lisez l'ordre de travail sur le plan et nommez la position de sa fibre (ou signalez l'écart).
refuse-order-reported = L'écart est signalé : le chantier s'arrête là. Terminez l'exercice.
refuse-order-no-position = Le plan n'a pas de position `{ $position }`.
refuse-order-over = L'ordre de travail a été lu au début du chantier.
refuse-order-not-located = Nommez d'abord la position qui tient la fibre de l'ordre de travail (cliquez sa ligne dans le plan).
refuse-order-no-fibre-there = Cette position ne tient aucune fibre du câble de l'ordre de travail : rien à souder là.
out-order-located = Position { $position } nommée : elle tient la fibre { $fibre }.
out-order-reported = Signalé à la hotline : { $code } ({ $label }). Le chantier s'arrête là.
task-order-read = Ordre de travail { $number } : au { $pbo }, câble { $cable }, tube { $tube }, fibre { $fibre }, pour le logement { $suf }.
task-order-locate = Trouvez cette fibre dans le plan de boîte et nommez sa position ; si le boîtier ne correspond pas à l'ordre de travail, arrêtez et signalez-le avec son code.
task-order-located = Position nommée : { $position }.
task-order-reported = Signalé : { $code }.
next-order-go-splice = La position est nommée : passez à la soudure de cette fibre.
next-order-finish = L'écart est signalé : terminez l'exercice.
hint-order-number = Le tube { $tube } est { $tube_colour }, la fibre { $fibre } est { $fibre_colour } : en tubes de { $modulo }, c'est la fibre n° ({ $tube } − 1) × { $modulo } + { $fibre } = { $n }, codée { $code } côté PM du câble. Cherchez-la dans le plan et lisez sa fonction et son logement.
hint-order-no-fibre = Le câble { $cable } n'a pas ce tube ou cette fibre : comparez l'ordre de travail aux câbles du plan.
fb-job-stopped-on-report = Le chantier s'est arrêté au boîtier sur l'écart de l'ordre de travail, signalé avec { $code } : il n'y avait rien de plus à faire, comme l'exige l'opérateur.
fb-order-right-position = Bon boîtier, bonne fibre : position { $position }.
fb-order-wrong-position = Position { $position } nommée, mais la fibre de l'ordre de travail attend en { $right } : le client serait raccordé sur une autre fibre (premier critère de l'ARCEP, la bonne fibre).
fb-order-not-located = La fibre de l'ordre de travail n'a jamais été trouvée dans le plan.
fb-order-reported-wrongly = { $code } a été signalé, mais le boîtier tient la route : { $finding } Le client est resté sans raccordement.
fb-order-reported = Arrêt et signalement justes. { $finding }
fb-order-wrong-code = Arrêt juste, mais signalé avec { $code } là où le boîtier appelle un autre code. { $finding }
fb-order-not-reported = Le boîtier ne tient pas la route de l'ordre de travail ; le bon geste était d'arrêter et de signaler. { $finding }

# Au boîtier, à l'écran.
app-ot-title = Ordre de travail
app-ot-number = N° d'OT
app-ot-activity = Activité
app-ot-customer = Client
app-ot-address = Adresse
app-ot-pm = PM · tiroir · position
app-ot-pbo = PBO
app-ot-cable = Câble
app-ot-tube = Tube
app-ot-fibre = Fibre
app-ot-suf = Logement (SUF)
app-ot-pto = PTO
app-ot-click-row = Cliquez la ligne du plan qui tient la fibre de l'ordre de travail.
app-ot-go-splice = Souder cette fibre →
app-ot-report = Le boîtier ne correspond pas à l'OT : arrêter et signaler
app-plan-title = Plan de boîte { $box } ({ $code })
app-plan-cables = Câbles :
app-plan-position = Position
app-plan-cassette = Cass. · n°
app-plan-fibre = Fibre (ps_1)
app-plan-tube-fibre = Tube · fibre
app-plan-to = Reliée à (ps_2)
app-plan-function = Fonction
app-plan-suf = Logement

# The job's dossier (deliverables, FTTH-JOBS §9).
dossier-tableau-file = tableau-de-synthese.csv
dossier-col-cable = Câble
dossier-col-fibre = Fibre
dossier-col-tube = Tube
dossier-col-number = N° dans le tube
dossier-col-colour = Couleur
dossier-col-from = Origine (A)
dossier-col-to = Extrémité (B)
dossier-col-length = Longueur (m)
dossier-col-loss = Affaiblissement { $wl } nm (dB)
dossier-col-worst-splice = Pire épissure (dB)
dossier-col-worst-connector = Pire connecteur (dB)
dossier-col-worst-reflectance = Pire réflectance (dB)
dossier-col-result = Résultat
dossier-col-files = Fichiers .sor
dossier-pass = Conforme
dossier-fail = Non conforme
dossier-not-measured = Mesure incomplète
dossier-nothing = Rien à remettre : le chantier n'a pas atteint sa mesure et ne part pas d'un plan de boîte.
dossier-not-a-job = Ce scénario n'est pas un chantier : il n'a pas de dossier à remettre.
app-dossier-hand-in = Remettre le dossier
app-dossier-hand-in-help = Les livrables du chantier, dans le dossier des données de FibreLab : les traces .sor nommées par câble, fibre et longueur d'onde, le tableau de synthèse, le procès-verbal de chaque fibre, et, pour un chantier parti d'un plan de boîte, les tables GraceTHD du DOE (t_cassette, t_position, t_ropt) et la liste des documents.
dossier-written = Dossier remis : { $n } fichiers dans { $dir }
