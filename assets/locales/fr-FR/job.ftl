# FibreLab — French messages: jobs (stages chained).
# Each module has its own file; keep keys in step with the other language (a test checks).

## Splicer (soudeuse)
val-job-link = L'étape de mesure d'un chantier mesure la liaison soudée : sa source doit être une liaison simulée (Link), pas un fichier.
val-job-splice-count = La liaison de l'étape de mesure doit contenir exactement un élément JobSplice (la soudure du stagiaire) ; trouvé : { $found }.
val-job-splice-fibres = Côté { $side } de JobSplice, la liaison a { $found } alors que l'étape de soudure soude { $want } : mettez la même fibre.
job-side-left = gauche (avant)
job-side-right = droit (après)
val-job-no-fibre = aucune fibre
val-job-splice-outside = JobSplice n'a de sens que dans un chantier (exercise: Job), où il reçoit la soudure faite par le stagiaire.
val-job-line-outside = JobLine mesure la ligne construite par l'étape de raccordement d'un chantier : il n'a sa place que dans un chantier avec une étape de raccordement (connect).
val-job-line-lead = À partir de la soudure du stagiaire, la ligne est celle de l'étape de raccordement : les éléments de JobLine ne sont que le chemin du connecteur A jusqu'à cette soudure, sans { $found }.
act-next-stage = Étape suivante
act-test-fibre = Brancher le réflectomètre sur une fibre
task-job-then-test = Étape 1 sur 2 : préparation et soudure. Quand toutes les soudures sont rangées, passez à l'étape 2, la mesure de chaque fibre au réflectomètre.
task-job-stage-test = Étape 2 sur 2 : mesurez au réflectomètre chacune des { $n ->
    [one] { $n } fibre soudée
   *[other] { $n } fibres soudées
} et remplissez leur procès-verbal.
out-job-test-stage = Soudure terminée. Étape de mesure : { $n ->
    [one] { $n } fibre à tester
   *[other] { $n } fibres à tester
} depuis l'extrémité A.
out-job-connected = Réflectomètre branché sur { $fibre }.
refuse-job-splice-in-splicer = Une soudure est encore dans la soudeuse : ouvrez le capot (essai de traction) avant de passer à l'étape suivante.
refuse-job-splicing-first = Le réflectomètre vient à l'étape suivante : terminez d'abord les soudures.
refuse-job-fibre-not-in-job = Cette fibre ne fait pas partie du chantier.
refuse-job-last-stage = C'est la dernière étape : terminez le chantier quand les procès-verbaux sont remplis.
refuse-job-no-fibre = Aucune fibre à tester.
refuse-job-splicing-over = L'étape de soudure est close : on ne touche plus aux soudures pendant la mesure.
hint-job-next-stage = Toutes les soudures sont faites : passez à l'étape suivante, la mesure au réflectomètre.
fb-job-not-tested = Les fibres n'ont pas été mesurées au réflectomètre.
fb-job-fibre = Sur { $fibre } : { $detail }
fb-job-all-fibres = { $n ->
    [one] Sur la fibre :
   *[other] Sur les { $n } fibres :
} { $detail }
fb-job-event-over = L'événement « { $kind } » à { $d } m perd { $loss } dB à { $wl } nm, pour { $max } dB au plus : la fibre est refusée à la recette.
fb-job-event-reflects = L'événement « { $kind } » à { $d } m réfléchit plus que { $max } dB : la fibre est refusée à la recette.
fb-job-event-fault = L'événement « { $kind } » à { $d } m : la fibre est refusée à la recette.
fb-job-link-over = La liaison perd { $loss } dB à { $wl } nm, pour { $max } dB au plus : la fibre est refusée à la recette.
fb-job-accepted = Toutes les fibres passent la recette à { $wl } nm : chaque événement et la perte totale sont dans les limites, sur un rapport complet.
task-job-testing = Étape 2 sur 2 : réflectomètre branché sur { $fibre } ({ $i } sur { $n }) ; chaque fibre a son procès-verbal.

## Un rapport trop incomplet pour prononcer la recette
fb-job-report-incomplete = Le rapport n'est pas complet ({ $lack }) : la recette se prononce sur le rapport, pas sur les seules soudures.
fb-job-report-not-measured = pas de mesure à { $wl } nm { $dir }
fb-job-report-no-verdict = pas de verdict sur l'événement { $kind } à { $d } m
fb-job-report-no-link = pas de résultat de liaison
fb-job-report-no-events = aucun événement dans le tableau

## Un chantier d'épissure mécanique, dans ses mots
task-job-then-test-mech = Étape 1 sur 2 : préparation et épissure mécanique. Quand toutes les épissures sont rangées, passez à l'étape 2, la mesure de chaque fibre au réflectomètre.
task-job-stage-test-mech = Étape 2 sur 2 : mesurez au réflectomètre chacune des { $n ->
    [one] { $n } fibre raccordée
   *[other] { $n } fibres raccordées
} et remplissez leur procès-verbal.
out-job-test-stage-mech = Épissures terminées. Étape de mesure : { $n ->
    [one] { $n } fibre à tester
   *[other] { $n } fibres à tester
} depuis l'extrémité A.
hint-job-next-stage-mech = Toutes les épissures sont faites : passez à l'étape suivante, la mesure au réflectomètre.
refuse-job-splicing-first-mech = Le réflectomètre vient à l'étape suivante : terminez d'abord les épissures.
refuse-job-splicing-over-mech = L'étape d'épissure est close : on ne touche plus aux épissures pendant la mesure.

## Le débriefing : une perte lue dans un seul sens
cmp-one-way = lu dans un seul sens
cmp-one-way-why = Événement « { $kind } » à { $d } m : vous avez relevé { $given } dB, ce que la courbe montre dans ce sens seulement. Ici la fibre change (diamètre de mode et rétrodiffusion différents de part et d'autre) : mesuré d'un côté l'événement paraît plus fort qu'il n'est, de l'autre plus faible, parfois même un gain ; l'autre sens lirait ici environ { $other } dB. La vraie perte, { $true } dB, est la moyenne des deux sens : une mesure d'un seul sens se note comme telle, et la recette se prononce sur la moyenne bidirectionnelle.
cmp-splitter-shown-why = Le coupleur à { $d } m : vous avez relevé { $given } dB, ce que la courbe montre depuis son entrée (côté central). De ce côté la lumière part partagée en N, mais les N branches renvoient toutes leur rétrodiffusion : la marche ne montre qu'environ 5·log10(N) plus son excès ; sa perte d'insertion est de { $true } dB (10·log10(N) plus { $excess } dB d'excès). La perte d'un coupleur se mesure depuis le côté d'un abonné ou au photomètre ; la recette juge son excès.
fb-job-values-one-way = { $detail } Mais une valeur n'est juste que comme lecture d'un seul sens. { $why }
