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
