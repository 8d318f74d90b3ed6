# FibreLab — French messages: cable preparation.
# Each module has its own file; keep keys in step with the other language (a test checks).

## Couleurs, codes, câbles, outils
colour-unknown = couleur inconnue
tool-sheath-stripper = dénudeur de gaine
tool-drop-stripper = dénudeur pour câble plat
tool-knife = couteau d'électricien
tool-aramid-scissors = ciseaux à aramide
tool-side-cutters = pince coupante
tool-tube-stripper = pince à dénuder les tubes
tool-coating-stripper = pince à dénuder les fibres (3 trous)
tool-wire-stripper = pince à dénuder d'électricien
fibre-in-tube = la fibre { $fibre } (n° { $n }) du tube { $tube } (n° { $t })
fibre-alone = la fibre { $fibre } (n° { $n })

## Gestes
act-slide-sleeve = Enfiler le manchon de protection
act-strip-sheath = Dénuder la gaine
act-cut-strength = Couper les éléments de renfort
act-open-tube = Ouvrir le tube
act-remove-gel = Enlever le gel
act-pick-fibre = Prendre la fibre
act-strip-coating = Dénuder la fibre
act-clean = Nettoyer à l'alcool
act-cleave = Cliver
act-dispose-shard = Chute dans la poubelle
act-lay-on-bench = Poser la fibre sur l'établi

## Consignes et indices
task-prepare-fibre = Préparez { $fibre } pour l'épissure.
task-fibre-numbers = la fibre n° { $n } du tube n° { $t }
task-fibre-number = la fibre n° { $n }
task-lengths = Gaine { $sheath } mm, renforts gardés { $keep } mm, revêtement dénudé { $coating } mm, clivage à { $cleave } mm.
hint-strip-sheath = Dénudez { $mm } mm de gaine avec : { $tool }. Sur le dessin, faites glisser la marque le long de la règle du câble jusqu'à { $mm } mm (ou tapez la longueur), puis « Dénuder ».
hint-cut-strength = Coupez les renforts en gardant { $mm } mm pour l'ancrage, avec : { $tool } (réglez « Garder » à { $mm } mm, puis « Couper »).
hint-open-tube = Ouvrez le tube { $colour } (tube n° { $t }) avec la pince à dénuder les tubes.
hint-remove-gel = Essuyez le gel avec le dégelant avant de toucher aux fibres.
hint-pick = Prenez { $fibre } : trouvez-la par sa couleur et cliquez dessus sur le dessin du câble (ou choisissez ses couleurs à droite).
hint-sleeve = Enfilez maintenant le manchon de protection, avant le clivage.
hint-strip-coating = Dénudez { $mm } mm de revêtement avec la pince 3 trous, pression normale : faites glisser la marque sur la règle de la fibre jusqu'à { $mm } mm, puis « Dénuder le revêtement ».
hint-clean = Nettoyez le verre nu avec une lingette non pelucheuse et de l'alcool.
hint-cleave = Clivez en laissant { $mm } mm de verre nu : faites glisser la marque sur la règle de la fibre jusqu'à { $mm } mm, puis « Cliver » ; ne touchez plus la fibre ensuite.
hint-recleave = Ce clivage n'est pas assez bon (angle { $angle }°, ou un défaut sur la face) : dénudez de nouveau à { $mm } mm, nettoyez et reclivez.
hint-recleave-dirty = Cette face clivée est sale : dénudez de nouveau à { $mm } mm, nettoyez et reclivez ; n'essuyez jamais une face clivée.
hint-strip-again = La fibre a cassé : le verre dénudé est perdu et le bout est de nouveau gainé. Dénudez-la encore ({ $mm } mm, pince 3 trous, pression normale), puis nettoyez et clivez.
hint-shard = Mettez la chute de verre dans la poubelle à chutes.
hint-finish = Tout ce qui était demandé est fait : vous pouvez déclarer terminé.

## Résultats des gestes
out-sheath-stripped = Gaine dénudée sur { $mm } mm.
out-tube-nicked = La lame est allée trop profond : un tube est entaillé, ses fibres sont peut-être abîmées.
out-strength-cut = Renforts coupés, { $mm } mm gardés.
out-aramid-frayed = Les fils d'aramide sont effilochés : ils gêneront dans le boîtier.
out-tube-opened = Tube ouvert.
out-tube-fibres-nicked = Les fibres du tube ont été pincées par l'outil.
out-gel-visible = Les fibres sont couvertes de gel.
out-gel-removed = Gel enlevé.
out-gel-residue = Il reste du gel sur les fibres.
out-fibre-in-hand = Vous tenez { $fibre }.
out-sleeve-on = Manchon de protection enfilé sur la fibre.
out-coating-stripped = Revêtement dénudé sur { $mm } mm.
out-fibre-nicked = Le verre est entaillé : il peut casser dans la cliveuse ou plus tard dans la cassette.
out-coating-residue = Il reste des miettes de revêtement sur le verre.
out-fibre-broke = La fibre a cassé dans la pince : dénudez de nouveau plus loin.
out-clean = Le verre est propre.
out-still-dirty = Le verre est encore sale.
out-cleaved = Clivée : { $mm } mm de verre nu, angle { $angle }°.
out-defect = Défaut de la face clivée : { $defect }.
out-snapped-at-nick = La fibre a cassé à l'entaille quand la cliveuse l'a tendue.
out-shard = Une chute de verre reste sur la cliveuse.
out-shard-disposed = Chute dans la poubelle.
out-laid-down = Fibre posée sur l'établi.

## Refus
refuse-length = Une longueur de { $found } mm n'est pas possible ici (entre { $min } et { $max } mm).
refuse-sheath-done = La gaine est déjà dénudée.
refuse-tool-cannot-sheath = Cet outil ne peut pas dénuder une gaine de câble.
refuse-sheath-first = Dénudez d'abord la gaine : rien à l'intérieur n'est accessible.
refuse-strength-done = Les renforts sont déjà coupés.
refuse-tool-cannot-cut-rigid = Cet outil ne coupe pas un renfort rigide : prenez la pince coupante.
refuse-tool-cannot-cut = Cet outil ne coupe pas les renforts.
refuse-no-tube = Ce câble n'a pas de tube : les fibres sont gainées serrées.
refuse-which-tube = Dites quel tube, par sa couleur.
refuse-no-such-tube = Il n'y a pas de tube { $colour } dans ce câble.
refuse-tube-open = Ce tube est déjà ouvert.
refuse-tool-cannot-tube = Cet outil ne peut pas ouvrir un tube.
refuse-no-gel = Ce câble est sec : il n'y a pas de gel à enlever.
refuse-no-open-tube = Aucun tube ouvert n'a encore de gel.
refuse-no-such-fibre = Il n'y a pas de fibre { $colour } dans ce tube ou ce câble.
refuse-tube-closed = Le tube de cette fibre est encore fermé.
refuse-no-fibre-in-hand = Prenez d'abord une fibre en main.
refuse-sleeve-on = Le manchon est déjà sur cette fibre.
refuse-tool-cannot-coating = Cet outil ne peut pas dénuder le revêtement d'une fibre.
refuse-clean-coated = La fibre a encore son revêtement : dénudez-la avant de nettoyer le verre.
refuse-cleave-coated = La fibre a encore son revêtement : dénudez-la avant de cliver.
refuse-cleave-on-coating = Un clivage à { $cleave } mm tomberait sur le revêtement : seuls { $bare } mm de verre sont nus.
refuse-no-shard = Il n'y a pas de chute à jeter.

## Erreurs (signalées tout de suite, puis dans la note)
mistake-wrong-tool = Mauvais outil : { $tool } au lieu de : { $right }.
mistake-cleave-uncleaned = Clivage sans nettoyage préalable : la saleté se retrouve sur la face clivée et dans l'épissure.
mistake-sleeve-after-cleave = Manchon enfilé sur une fibre déjà clivée : la face a touché le manchon, il faut recliver.
mistake-strip-before-gel = Revêtement dénudé à travers le gel : le gel encrasse la pince et reste sur le verre.
mistake-clean-after-cleave = Face clivée essuyée : l'essuyage dépose de la poussière sur la face et peut l'écailler.
mistake-touched-clean = Le verre propre a touché quelque chose : il est de nouveau sale.

## Retours de la note
what-sheath = Dénudage de la gaine
what-strength = Longueur de renfort gardée
what-coating = Dénudage du revêtement
what-cleave = Clivage
what-preparation = Préparation de la fibre
what-cleave-quality = Qualité du clivage
what-sheath-why = La longueur dénudée est celle prévue pour le boîtier ou le PBO : trop courte, les fibres ne se rangent pas dans la cassette ; trop longue, les tubes nus restent sans protection.
what-strength-why = Les renforts sont serrés dans le boîtier : trop courts, on ne peut pas les ancrer et la traction passe sur les fibres.
what-coating-why = Les supports de la soudeuse et le manchon attendent cette longueur : trop courte, on ne peut pas cliver à la bonne longueur ; trop longue, du verre nu reste hors du manchon et casse.
fb-length-ok = { $what } : { $actual } mm pour { $target } ± { $tol } mm. Bien.
fb-length-long = { $what } : { $actual } mm, trop long (cible { $target } ± { $tol } mm). { $why }
fb-length-short = { $what } : { $actual } mm, trop court (cible { $target } ± { $tol } mm). { $why }
fb-wrong-fibre = Mauvaise fibre : vous avez préparé { $wrong }, il fallait { $right }. Sur un réseau en service, couper la mauvaise fibre coupe un client.
fb-fibre-missing = Pas préparée : { $fibre }.
fb-right-fibre-ok = Les bonnes fibres ont été trouvées par leurs couleurs.
fb-sleeve-forgotten = Pas de manchon de protection sur { $fibre } : après la soudure on ne peut plus l'enfiler, il faut couper et refaire l'épissure.
fb-sleeve-late = Le manchon a été enfilé sur { $fibre } après le clivage : la face a touché le manchon et n'est plus bonne pour souder.
fb-sleeve-ok = Manchon enfilé avant le clivage.
fb-order = Ordre des opérations, geste { $n } : { $detail }
fb-order-ok = Gestes dans le bon ordre.
fb-tools = Outils, geste { $n } : { $detail } Le mauvais outil entaille des fibres qui casseront plus tard, chez le client.
fb-tools-ok = Le bon outil pour chaque geste.
fb-cleave-defect = Clivage de { $fibre } : { $defect }. Une face défectueuse donne une soudure à fortes pertes ou des bulles : reclivez.
fb-cleave-angle = Clivage de { $fibre } : angle de { $angle }°, au-dessus de { $max }°. La soudeuse va refuser ou la soudure perdra trop : reclivez.
fb-cleave-ok = Clivages nets, angles sous { $max }°.
fb-dirty = La face de { $fibre } est sale : la saleté dans une soudure fait des bulles et des pertes.
fb-dirty-gel = Il reste du gel sur { $fibre } : le gel brûle dans l'arc et gâche la soudure.
fb-dirty-coating = Il reste des miettes de revêtement sur { $fibre } : elles inclinent la fibre dans la cliveuse et la soudeuse.
fb-clean-ok = Faces propres.
fb-broken = Casse : { $fibre } a cassé { $n } fois ({ $mm } mm perdus). Dans un boîtier la surlongueur est limitée, chaque casse la raccourcit.
fb-nicked = Entaille sur { $fibre } : elle cassera pendant le test de traction ou plus tard dans la cassette.
fb-intact-ok = Aucune fibre entaillée ni cassée.
fb-shards = { $n } chute(s) de verre pas mise(s) à la poubelle : les chutes entrent dans la peau et les yeux et se voient à peine.
fb-shards-ok = Toutes les chutes à la poubelle.

## Problèmes dans un fichier de scénario
val-cleave-beyond-strip = Impossible de cliver à { $cleave } mm sur { $strip } mm de verre nu : la longueur de clivage doit être plus courte que le dénudage.
val-keep-beyond-sheath = Impossible de garder { $keep } mm de renfort au-delà d'une gaine dénudée sur { $sheath } mm.
val-coating-beyond-sheath = Un dénudage de revêtement de { $strip } mm ne tient pas dans une gaine dénudée sur { $sheath } mm.
val-no-tasks = Aucune tâche : indiquez quelle(s) fibre(s) préparer.
val-too-many-tasks = { $tasks } tâches, mais le câble n'a que { $fibres } fibres.
val-tube-missing = Ce câble a plusieurs tubes : indiquez lequel avec tube:.
val-tube-not-applicable = Ce câble n'a pas de tubes numérotés : retirez tube:.
val-duplicate-task = Cette fibre est déjà demandée par une autre tâche.
why-max-12 = Le format 1 prend jusqu'à 12 tubes de 12 fibres (les fibres 13 à 24, repérées par bague, ne sont pas encore dessinées).
why-drop-fibres = Un câble plat de branchement a de 1 à 4 fibres.
why-sheath-strip = On dénude la gaine sur 2 cm (connecteur) à 3 m (boîtier).
why-strength-keep = On garde de 0 à 20 cm de renfort pour le serrer.
why-coating-strip = On dénude le revêtement sur 5 à 60 mm ; pinces et supports de soudeuse n'en prennent pas plus.
why-cleave-length = Une cliveuse coupe entre 3 et 30 mm de verre nu.
why-wear = L'usure de la lame va de 0 (neuve) à 1 (usée).
why-hand = La précision de la main est un écart de 0 à 10 mm.
why-tube-count = Ce câble a { $tubes } tubes.
why-fibre-count = Il y a { $fibres } fibres par tube ou par câble.

## Application de bureau
app-what-happened = Ce qui s'est passé
app-do-strip = Dénuder
app-keep = Garder
app-do-cut = Couper
app-do-open = Ouvrir le tube
app-do-degel = Enlever
app-tube = Tube :
app-fibre = Fibre :
app-do-pick = Prendre cette fibre
app-force-light = légère
app-force-normal = normale
app-force-hard = forte
app-do-strip-coating = Dénuder le revêtement
app-do-clean = Nettoyer
app-do-cleave = Cliver
app-do-shard = Chute à la poubelle ({ $n })
app-gel-cleaner = dégelant et lingette
app-gel-alcohol = alcool seul
app-gel-dry = lingette sèche
app-clean-alcohol = lingette non pelucheuse et alcool (IPA ≥ 99 %)
app-clean-dry = lingette sèche non pelucheuse
app-clean-cloth = chiffon ou mouchoir ordinaire
app-view-cable = Bout du câble : longueurs à l'échelle, épaisseurs × { $scale }
app-view-fibre = Fibre en main : longueurs à l'échelle, épaisseur × { $scale }
app-ruler-mm = mm depuis le bout du câble
app-ruler-glass = mm de verre nu depuis le bord du revêtement
app-sleeve = manchon de protection
app-no-fibre-yet = Pas encore de fibre en main.
app-angle = angle { $angle }° (dessiné × 10)
app-mark = { $mm } mm
app-cue-drag-sheath = Glissez la marque sur la règle : gaine à dénuder
app-cue-click-fibre = Cliquez sur une fibre pour la prendre
app-cue-drag-coating = Glissez sur la règle : dénudage
app-cue-drag-cleave = Glissez sur la règle : clivage
app-member-central = renfort central
app-member-rods = joncs de renfort
app-fibre-broken = Fibre cassée : dénudez-la de nouveau
app-shards-on-bench = { $n } chute(s) de verre sur l'établi

## Splicer (soudeuse)
app-job-next-stage = Étape suivante : la mesure ➜

## Éléments nommés dans la liste d'un critère
fb-item-wrong-fibre = { $fibre } préparée par erreur
fb-item-not-prepared = { $fibre } pas préparée
fb-item-gesture = geste { $n }
fb-item-gesture-what = geste { $n } : { $detail }
fb-item-length = { $fibre } à { $mm } mm
fb-item-cleave-defect = { $fibre } : { $defect }
fb-item-cleave-angle = { $fibre } : { $angle }°
