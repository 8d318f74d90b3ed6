# FibreLab — French messages: shared by every module: the app, the command line, the records, scenario files, colours.
# Each module has its own file; keep keys in step with the other language (a test checks).

## Couleurs, codes, câbles, outils
colour-red = rouge
colour-blue = bleu
colour-green = vert
colour-yellow = jaune
colour-violet = violet
colour-white = blanc
colour-orange = orange
colour-grey = gris
colour-brown = marron
colour-black = noir
colour-turquoise = turquoise
colour-pink = rose
colour-red-f = rouge
colour-blue-f = bleue
colour-green-f = verte
colour-yellow-f = jaune
colour-violet-f = violette
colour-white-f = blanche
colour-orange-f = orange
colour-grey-f = grise
colour-brown-f = marron
colour-black-f = noire
colour-turquoise-f = turquoise
colour-pink-f = rose
colour-code-standard-orange = code couleur « Standard Orange » (12 couleurs, l'ordre des réseaux FTTH français)
colour-code-tia598 = code couleur TIA-598
cable-loose-tube = câble extérieur à tubes (structure libre)
cable-tight-buffered = câble intérieur à fibres gainées serrées (900 µm)
cable-flat-drop = câble plat de branchement
mode-practice = entraînement
mode-assessment = évaluation
module-cable-prep = Préparation de câble
status-open = non terminée
status-finished = terminée
status-closed = abandonnée

## Gestes
act-ask-hint = Indice
act-finish = Terminer et noter…

## Résultats des gestes
out-finished = Exercice déclaré terminé.

## Refus
refuse-time-backwards = Une action à { $at } s ne peut pas venir avant la précédente, à { $last } s.
script-bad-time = Le temps { $t } n'est pas un temps de tentative : écrivez les secondes depuis le début, de 0 à { $hours } heures, ou omettez `t` pour 10 s après l'étape précédente.
script-out-of-range = { $found }{ $unit } est impossible pour ce geste : de { $min } à { $max }{ $unit }.
refuse-time-too-late = Cette action arrive { $at } heures après le début : une tentative dure au plus { $max } heures.
refuse-time-up = Le temps de l'évaluation est écoulé ({ $limit } min) : l'action n'est pas prise en compte, la tentative est notée telle qu'elle était à l'échéance.
refuse-finished = L'exercice est terminé.
refuse-no-hints = Pas d'indice pendant une évaluation.

## Retours de la note
fb-not-done = { $what } : pas fait.
fb-time-ok = Fait en { $min } min (limite { $limit } min).
fb-time-over = { $min } min utilisées pour une limite de { $limit } min : sur un chantier, le temps est compté par fibre.

## Problèmes dans un fichier de scénario
load-cannot-read = Impossible de lire le fichier : { $error }
load-not-regular = { $file } n'est pas un fichier ordinaire ({ $kind }) : il n'est pas lu.
load-too-large = { $file } contient { $mb } Mo : un tel fichier en contient au plus { $max }.
file-kind-pipe = un tube nommé
file-kind-socket = une socket
file-kind-device = un périphérique
file-kind-folder = un dossier
file-kind-other = ni un fichier ni un dossier
load-not-text = Ce n'est pas un fichier texte (octet invalide { $byte }) : un scénario est un texte RON enregistré en UTF-8.
load-empty = Le fichier est vide : un scénario commence par Scenario(
syntax-eof = Le fichier s'arrête trop tôt : il manque une parenthèse fermante ou une valeur.
syntax-expected = `{ $what }` attendu ici.
syntax-expected-comma = Une virgule est attendue entre deux éléments.
syntax-decimal-comma = Écrivez les nombres avec un point : 12.5, pas 12,5 (trouvé { $found }).
syntax-expected-name = Un nom est attendu ici.
syntax-unexpected-char = Caractère inattendu `{ $char }`.
syntax-trailing = Du texte après la fin du scénario : tout doit être à l'intérieur de Scenario( ... ).
syntax-unclosed-string = Ce texte n'a pas de guillemet fermant : il déborde sur les lignes suivantes.
syntax-unclosed-comment = Un commentaire n'est pas fermé (/* sans */).
syntax-other = Erreur de syntaxe : { $detail }
type-expected-text = Un texte entre guillemets est attendu, par exemple "Soudure".
type-expected-integer = Un nombre entier est attendu.
type-expected-number = Un nombre est attendu.
type-expected-bool = true ou false est attendu.
type-mismatch = Attendu : { $expected } ; trouvé : { $found }.
type-mismatch-varying = Attendu : { $expected } ; trouvé : { $found }.
expect-number-or-range = un nombre, ou Range(min, max)
expect-whole-number-or-range = un nombre entier, ou Range(min, max)
unknown-field = Champ inconnu `{ $found }`. Champs possibles ici : { $expected }.
unknown-field-suggest = Champ inconnu `{ $found }` : vouliez-vous écrire `{ $suggestion }` ? Champs possibles ici : { $expected }.
unknown-variant = Valeur inconnue `{ $found }`. Valeurs possibles ici : { $expected }.
unknown-variant-suggest = Valeur inconnue `{ $found }` : vouliez-vous écrire `{ $suggestion }` ? Valeurs possibles ici : { $expected }.
missing-field = Champ `{ $field }` manquant.
duplicate-field = Le champ `{ $field }` est écrit deux fois.
val-format = La version de format { $found } n'est pas prise en charge : ce programme lit la version { $supported }.
val-id = `{ $found }` n'est pas un identifiant valide : lettres minuscules, chiffres et tirets (64 au plus).
val-duplicate-scenario-id = L'identifiant `{ $id }` est aussi celui de { $others } : un identifiant désigne un seul exercice (les tentatives sont rangées sous lui). Donnez à chaque fichier le sien.
val-empty-text = Ce texte est vide : chaque texte doit exister en français et en anglais.
val-text-blank = Ce texte n'affiche rien : il est vide, ou ne contient que des espaces ou des caractères invisibles. Écrivez ce que le stagiaire doit lire.
val-text-char = Le caractère { $at } de ce texte est { $code }, { $why } : retirez-le (un texte doit s'afficher tel qu'il est écrit, à l'écran et dans les rapports).
char-control = un caractère de commande (échappement de terminal, sonnerie...) qui agit sur l'écran au lieu de s'afficher
char-layout = un saut de ligne ou une tabulation, permis seulement dans une consigne (briefing)
char-bidi = une commande de sens d'écriture, qui peut afficher le texte dans un autre ordre que celui écrit
char-invisible = un caractère invisible (de largeur nulle, de mise en forme ou de remplissage) qui n'affiche rien
val-out-of-range = { $found }{ $unit } est hors limites : de { $min } à { $max }{ $unit }. { $reason }
val-range-reversed = Range({ $min }, { $max }) : la première borne ne doit pas dépasser la seconde.
val-no-criteria = Le barème n'a aucun critère.
val-duplicate-id = L'identifiant de critère `{ $id }` est utilisé deux fois.
val-time-practice = WithinTime ne s'applique qu'à une évaluation : l'entraînement n'est pas chronométré.
why-difficulty = La difficulté va de 1 (découverte) à 5 (expert).
why-duration = Une durée va de 1 minute à 8 heures.
why-pass-mark = Le seuil de réussite est une note sur 100.
why-points = Un critère vaut de 0,5 à 100 points.
why-tolerance = Une tolérance doit être positive et réaliste.
why-chance = Une probabilité va de 0 (jamais) à 1 (à chaque tentative).
why-angle = La limite d'angle de clivage est entre 0,1° et 5°.

## Enregistrements
db-error = Erreur de la base des tentatives : { $detail }
db-folder = Impossible de créer le dossier { $path } : { $detail }
db-not-found = Aucune tentative n° { $id }.
db-corrupt = La tentative { $id } est endommagée : { $detail }
db-not-open = La tentative { $id } est déjà terminée ou abandonnée.
db-not-finished = La tentative { $id } n'a pas de note : elle n'est pas terminée.
db-damaged = La base des tentatives { $path } est endommagée ({ $detail }). Rien n'y a été écrit. Gardez une copie du fichier pour l'administrateur de l'école et travaillez en attendant avec une autre base (--db).
db-newer = La base des tentatives { $path } a été écrite par une version plus récente de FibreLab (format { $found } ; celle-ci lit le format { $supported }) : rien n'y a été écrit. Utilisez la version plus récente.
db-missing = Il n'y a pas encore de base des tentatives à { $path } : rien n'y a été enregistré.
verify-ok = Tentative { $id } ({ $scenario }, { $trainee }) : note { $score } confirmée par le rejeu.
verify-ok-earlier = Tentative { $id } ({ $scenario }, { $trainee }) : journal intact, rejoué ; { $note }
verify-bad = Tentative { $id } ({ $scenario }, { $trainee }) : DIFFÉRENCE : { $problem }
verify-hash = le texte du scénario enregistré ne correspond pas à son empreinte.
verify-scenario-invalid = le scénario enregistré ne se charge plus.
verify-refused = l'action { $n } du journal est refusée au rejeu.
verify-no-grade = aucune note enregistrée.
verify-score = note enregistrée { $stored }, le rejeu donne { $replayed }.
verify-criteria = les critères ou le verdict enregistrés diffèrent du rejeu.
verify-earlier-rules = notée { $stored } selon les règles de notation { $rules } ; les règles actuelles ({ $now }) donnent { $score }. La note enregistrée reste celle qui a été donnée.
verify-summary = { $n } tentative(s) terminée(s) vérifiée(s), { $bad } différence(s).

## Ligne de commande
cli-col-module = module
cli-col-difficulty = niv
cli-col-title = titre
cli-list-invalid = { $file } n'est pas un scénario valide (lancez fibrelab validate).
cli-valid = { $n } fichier(s) de scénario valide(s).
cli-no-scenario = Aucun scénario `{ $id }` (ni un fichier ni un identifiant dans { $dir }).
cli-script-other-scenario = Cette liste d'actions est écrite pour `{ $script }`, pas pour `{ $scenario }`.
cli-recorded = Tentative { $id } enregistrée dans { $db }.
cli-refused = étape { $n } refusée : { $reason }
cli-score = Note { $score } / 100 : { $verdict } (seuil { $pass })
cli-passed = RÉUSSI
cli-failed = ÉCHOUÉ
cli-no-gui = Cette version n'a pas l'application de bureau (compilée sans la fonction « gui »).

## Application de bureau
app-tagline = Simulateur de formation aux métiers de la fibre optique
app-trainee-name = Votre nom
app-trainee-hint = Prénom et nom
app-name-needed = Écrivez votre nom pour commencer : vos résultats sont gardés à ce nom.
app-you-are = Vous êtes { $name }.
app-roster-only = Sur ce poste, trouvez votre nom dans la liste de l'école : « Je suis… » ci-dessous.
app-choose-exercise = Choisir un exercice
app-scenario-count = { $n } exercices disponibles.
app-no-records = Les résultats ne peuvent pas être enregistrés : { $error }
app-not-recorded = Cette tentative n'est pas enregistrée : { $error }
app-unfinished = Exercices non terminés
app-unfinished-line = { $title } ({ $n ->
    [one] { $n } geste fait
   *[other] { $n } gestes faits
})
app-resume = Reprendre
app-close-attempt = Abandonner
app-resumed = Exercice repris là où vous l'aviez laissé.
app-back = Retour
app-select-title = Exercices
app-all-modules = Tous ({ $n })
app-hello = Stagiaire : { $name }
app-difficulty = Niveau { $stars }
app-duration = { $min } min
app-open = Ouvrir
app-broken-files = Fichiers de scénario avec des erreurs
app-broken-help = Ces fichiers ne sont pas proposés aux stagiaires tant qu'ils ne sont pas corrigés (la liste se met à jour dès que le fichier est enregistré).
app-scenario-gone = Cet exercice n'est plus disponible (son fichier a été retiré ou contient une erreur).
app-rule-practice = Indices permis, environ { $min } min.
app-rule-assessment = Chronométré : { $min } min, sans indice.
app-rule-assessment-item = Évaluation chronométrée : { $min } min en tout, sans indice. Le chrono part quand vous cliquez sur « Commencer le chrono » et ne s'arrête plus, même si vous quittez.
app-extra-time-included = Dont { $min } min de temps supplémentaire.
app-attempt-of = Tentative { $n } sur { $of }
app-tasks-at-start = Les tâches de votre tirage s'affichent sur le banc dès que vous commencez.
app-start-clock = Commencer le chrono
app-clock-limited = ⏱ { $clock } / { $limit } · reste { $left }
app-cable = Le câble
app-tasks = Ce que vous devez faire
app-start = Commencer
app-pass-mark = seuil { $pass }
app-debrief-meta = Durée { $min } min · tirage n° { $seed } · votre tentative n° { $attempt } à cet exercice
app-critical = Un point critique a été manqué : l'exercice est échoué quelle que soit la note.
app-prepared-ends = Bouts de fibre préparés
app-end-line = { $fibre } : revêtement dénudé { $strip } mm, clivage { $cleave } mm, angle { $angle }°, défauts : { $defects }, propre : { $clean }
app-none = aucun
app-yes = oui
app-no = non
app-retry-same = Recommencer (même tirage)
app-retry-new = Recommencer (nouveau tirage)
app-to-list = Liste des exercices
app-home = Accueil
app-text-size-help = Taille du texte (Ctrl + et Ctrl − au clavier)
app-history-button = Mon historique
app-history-title = Mes tentatives
app-history-empty = Aucune tentative pour l'instant.
app-history-when = Date
app-history-exercise = Exercice
app-history-attempt = Tentative
app-history-result = Résultat
app-history-passed = { $score } / 100, réussi
app-history-failed = { $score } / 100, échoué
app-history-debrief = Revoir le bilan
app-history-open = en cours
app-history-closed = abandonnée
app-history-handed-in = rendue : le résultat vient quand l'évaluation le permet
app-progress-none = Pas encore essayé
app-progress-attempts = { $n ->
    [one] { $n } tentative
   *[other] { $n } tentatives
}
app-progress-best = meilleure : { $result }
app-progress-last = dernière : { $result }

## Fichiers de trace OTDR (.sor)
sor-checksum-ok = Somme de contrôle { $value } : correcte ({ $convention }).
sor-checksum-unknown = Somme de contrôle { $value } : ne correspond à aucune convention connue. Plusieurs fabricants d'appareils utilisent la leur ; si ce fichier vient d'un tel appareil il est sans doute bon, sinon il est peut-être endommagé.
sor-no-checksum = Pas de bloc de somme de contrôle.
sor-skipped = Blocs ignorés (propriétaires ou inconnus) : { $names }
sor-convention-ccitt = CRC-16/CCITT-FALSE sur les octets qui la précèdent
sor-convention-xmodem = CRC-16/XMODEM sur les octets qui la précèdent (Anritsu)
sor-convention-block = CRC-16/CCITT-FALSE sur les octets avant le bloc de contrôle (otdrs)
sor-events-title = Événements
sor-col-event = n°
sor-col-distance = distance (m)
sor-col-type = type
sor-col-loss = perte (dB)
sor-col-reflectance = réflectance (dB)
sor-type-reflective = réfléchissant
sor-type-non-reflective = non réfléchissant
sor-type-end = fin
sor-summary = Appareil { $instrument } : { $wavelength } nm, impulsion { $pulse } ns, indice { $ior }, rétrodiffusion { $bc } dB, { $points } points tous les { $resolution } m (portée { $range } m).
sor-ids = Câble { $cable }, fibre { $fibre }, de { $a } à { $b }, opérateur { $operator }.
sor-totals = Perte de bout en bout { $e2e } dB, ORL { $orl } dB.
fibre-g652d = monomode G.652.D
fibre-g657a1 = monomode G.657.A1 insensible aux courbures
fibre-g657a2 = monomode G.657.A2 insensible aux courbures
fibre-om3 = multimode OM3 50/125
fibre-om4 = multimode OM4 50/125

## OTDR
module-otdr = Réflectométrie (OTDR)
module-splice = Soudure
refuse-wrong-module = Ce geste n'appartient pas à cet exercice.
fb-check-module = Ce critère ne s'applique pas à cet exercice.
val-check-module = Ce critère est du module « { $check_module } », l'exercice est du module « { $module } ».

## Splicer (soudeuse)
module-job = Chantier (étapes enchaînées)
app-job-stages = Par étape
val-check-fusion-only = Ce critère ne concerne que la soudure par fusion (soudeuse, manchon, four) ; cet exercice est une épissure mécanique.

## Plusieurs éléments concernés par un critère, et vérifications sur un travail non atteint
fb-concerned = { $first } Tous les cas ({ $n }) : { $items }.
fb-not-reached = { $what } : pas terminée. Cette vérification juge des gestes que vous n'avez pas atteints : elle ne rapporte aucun point.

## Bilan : ce qui était juste à côté de ce qui a été fait
app-critical-tag = CRITIQUE : ce critère doit être rempli pour réussir
app-concerned = Tous les cas ({ $n }) :
app-debrief-meta-unrecorded = Durée { $min } min · tirage n° { $seed } · non enregistrée
app-cmp-otdr = Les vrais événements à côté de votre rapport
app-cmp-otdr-legend = Lignes numérotées sur la courbe : vert comme déclaré, rouge manqué ou inventé, orange mauvais type, valeur ou verdict, gris trop petit pour être exigé.
app-cmp-no-trace = Aucune courbe n'a été prise.
app-cmp-n = N°
app-cmp-true = Événement réel
app-cmp-true-d = à (m)
app-cmp-true-loss = perte (dB)
app-cmp-true-verdict = verdict
app-cmp-yours = Votre rapport
app-cmp-yours-d = à (m)
app-cmp-yours-loss = perte (dB)
app-cmp-yours-verdict = verdict
app-cmp-difference = Écart
cmp-same = conforme
cmp-missed = manqué
cmp-not-required = trop petit pour être exigé
cmp-invented = absent de la liaison
cmp-wrong-type = mauvais type
cmp-wrong-value = valeur fausse
cmp-wrong-verdict = mauvais verdict
app-cmp-fibre-shown = Fibre affichée :
app-cmp-splices = Chaque soudure : l'estimation de la soudeuse à côté de la perte réelle (1550 nm)
app-cmp-fibre = Fibre
app-cmp-estimate = Estimation de la soudeuse (dB)
app-cmp-no-estimate = aucune (mécanique)
app-cmp-true-splice = Perte réelle (dB)
app-cmp-no-splice = pas de soudure
app-cmp-limit = Limite (dB)
app-cmp-lengths = Longueurs demandées et faites
app-cmp-what = Longueur
app-cmp-what-fibre = { $what }, { $fibre }
app-cmp-asked = Demandée
app-cmp-made = Faite
app-cmp-not-made = pas faite

## Quitter un exercice : pause, quitter, terminer, abandonner (Échap ouvre le menu)
app-finish-hover = Termine la tentative et la note (demande d'abord).
app-quit = Quitter, reprendre plus tard
app-quit-hover = La tentative reste ouverte : reprenez-la depuis l'accueil, là où vous l'avez laissée.
app-pause = Pause
app-menu = Que voulez-vous faire ?
app-menu-hover = Menu (Échap)
app-go-on = Continuer
app-abandon = Abandonner cette tentative…
app-paused = En pause
app-paused-clock-stopped = Le chronomètre est arrêté. Rien ne compte tant que vous ne continuez pas.
app-paused-clock-runs = Évaluation : le chronomètre continue pendant la pause, comme à l'établi.
app-confirm-finish = Terminer et noter ?
app-confirm-finish-text = La tentative sera notée telle qu'elle est : vous ne pourrez plus ajouter de gestes.
app-yes-finish = Oui, noter
app-confirm-abandon = Abandonner cette tentative ?
app-confirm-abandon-text = La tentative est fermée sans note. Elle reste dans les enregistrements comme abandonnée.
app-yes-abandon = Oui, abandonner
app-cancel = Annuler
app-quit-kept = Tentative gardée : reprenez-la ci-dessous, là où vous l'avez laissée.
app-quit-unrecorded = Cette tentative n'était pas enregistrée : elle n'a pas pu être gardée.
app-abandoned = Tentative abandonnée.
calc-bad-route = Tracé illisible, élément { $n } : { $why }
calc-bad-numbers = Le poids, le frottement et la retenue doivent être des nombres positifs ou nuls.
calc-fed-at-start = Câble engagé au début du tracé (treuil à la fin) :
calc-fed-at-end = Câble engagé à la fin du tracé (treuil au début) :
calc-pull-summary = Tension maximale { $max } N ({ $max_dan } daN) ; au treuil { $eye } N.
calc-pull-sidewall = Pression latérale maximale dans une courbe : { $s } N/m.
calc-feed-start = Engagez le câble au début du tracé : la tension maximale y est la plus faible.
calc-feed-end = Engagez le câble à la fin du tracé, du côté des courbes : la tension maximale y est la plus faible.
route-piece = « { $piece } » : chaque élément commence par S (une ligne droite) ou B (une courbe)
route-straight-form = « { $piece } » : une ligne droite s'écrit S<mètres>[@<pente en degrés>], par exemple S180 ou S60@5
route-straight-values = « { $piece } » : la longueur doit dépasser 0 m et la pente rester sous 90°
route-bend-form = « { $piece } » : une courbe s'écrit B<degrés>[R<rayon en mètres>], par exemple B90 ou B90R0.5
route-bend-values = « { $piece } » : l'angle doit dépasser 0° sans passer 360°, le rayon dépasser 0 m
calc-span-bad-numbers = La portée, le poids et la flèche (ou la tension) doivent être des nombres au-dessus de 0.
calc-span-bad-heights = Hauteurs illisibles (« { $found } ») : écrivez les hauteurs d'accroche en A et en B, par exemple 6.5,5.
calc-span-parabola = Parabole : flèche { $sag } m, tension horizontale { $t } N ({ $dan } daN).
calc-span-catenary = Chaînette : flèche { $sag } m, tension horizontale { $t } N ({ $dan } daN), paramètre { $p } m.
calc-span-length = Longueur de câble { $arc } m ; tension aux appuis { $poles } N.
calc-span-lowest = Point bas à { $x } m de A, à { $h } m de haut.
calc-pole-bad-numbers = Hauteur, diamètres, effort nominal et hauteur de référence doivent dépasser 0 (la référence sous le sommet), le vent être positif ou nul.
calc-pole-bad-cable = Câble { $n } (« { $found } ») : « { $what } » manque ou est illisible. Écrivez tension=N,diameter=M,height=M,spans=L1/L2,deviation=DEG (ou deviation=end).
calc-pole-cable-above = Câble { $n } : accroché plus haut que le poteau.
calc-pole-cable = Câble { $n } : résultante { $r } daN, vent { $w } daN, moment { $m } N·m.
calc-pole-result = Vent sur le poteau { $pole } N·m ; moment au sol { $m } N·m ; effort équivalent en tête { $f } daN : { $u } % de l'effort nominal ; reste { $left } daN.
calc-pole-passes = L'appui tient (≤ 100 %).
calc-pole-overloaded = Appui surchargé (> 100 %) : haubaner, moiser, remplacer par une classe plus forte, ajouter un appui de dédoublement ou alléger.

# Files
io-at = { $path } : { $what }
io-not-found = le fichier ou le dossier n'existe pas
io-permission-denied = accès refusé (droits insuffisants)
io-already-exists = il existe déjà
io-is-a-directory = c'est un dossier, pas un fichier
io-not-a-directory = une partie du chemin n'est pas un dossier
io-read-only = le disque est en lecture seule
io-storage-full = le disque est plein
io-invalid-data = le contenu n'est pas lisible
io-cut-short = le fichier s'arrête avant la fin
io-too-large = le fichier est trop gros
io-busy = le fichier est occupé par un autre programme
io-other = erreur du système : { $detail }
page-written = Page écrite : { $file } (à ouvrir dans un navigateur, puis Imprimer).
page-cannot-write = Impossible d'écrire la page { $file } : { $detail }
results-written = { $n ->
    [one] { $n } tentative écrite
   *[other] { $n } tentatives écrites
} dans { $file }.
results-xlsx-needs-out = Un classeur .xlsx s'écrit dans un fichier : ajoutez --out resultats.xlsx.
school-setting-set = Réglage « { $key } » : { $value }.
review-recorded = Décision enregistrée pour la tentative { $attempt } : { $decision }.
trainee-exported = Dossier écrit dans { $dir } : ses données (JSON) et ses résultats (CSV).
app-try-again = Réessayer
