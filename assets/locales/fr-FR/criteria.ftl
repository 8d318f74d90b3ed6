# FibreLab — French messages: the title of each criterion a rubric can check, as a trainer
# reads it in the results, the statistics, the reports and the LRS (a noun phrase).
# Keep keys in step with the other language (a test checks).

## Toutes les épreuves
crit-within-time = Dans le temps imparti

## Préparation du câble
crit-right-fibre = Bonnes fibres préparées
crit-sleeve-before-cleave = Protection d'épissure enfilée avant le clivage
crit-operation-order = Ordre des opérations
crit-right-tools = Choix des outils
crit-sheath-strip-length = Longueur de dénudage de la gaine
crit-strength-member-length = Longueur des éléments de renfort
crit-coating-strip-length = Longueur de dénudage du revêtement
crit-cleave-length = Longueur de clivage
crit-cleave-quality = Qualité du clivage
crit-end-face-clean = Extrémité de fibre propre
crit-fibre-intact = Fibre intacte
crit-shards-disposed = Chutes de fibre mises au rebut

## Réflectométrie
crit-cables-used = Bobines amorce et de fin branchées
crit-all-measured = Toutes les longueurs d'onde mesurées
crit-ior-set = Indice de groupe réglé
crit-range-fit = Plage de distance adaptée
crit-pulse-fit = Largeur d'impulsion adaptée
crit-averaging-time = Temps de moyennage
crit-events-found = Événements trouvés
crit-event-types = Type des événements
crit-event-values = Affaiblissement et réflectance des événements
crit-fault-located = Coupure localisée
crit-link-result = Longueur et affaiblissement du lien
crit-verdicts = Verdicts conforme ou non conforme

## Épissurage
crit-splices-made = Toutes les épissures faites
crit-splice-loss = Affaiblissement des épissures
crit-recleaved-when-refused = Reclivage quand la soudeuse refuse
crit-faulty-splices-redone = Épissures défectueuses refaites
crit-right-programme = Programme de soudure adapté
crit-sleeves-shrunk = Protections d'épissure rétractées au four
crit-tray-bend-radius = Rayon de courbure dans la cassette
crit-clean-ends-fused = Extrémités propres à la soudure

## Chantier complet
crit-job-accepted = Recette des fibres
crit-job-route-read = Bon boîtier, bonne fibre (ordre de travail lu)
crit-job-defects-filed = Malfaçons relevées (contrôle du boîtier)
crit-job-plan-followed = Plan de boîte respecté (bonne fibre, bonne position)
crit-job-express-intact = Câble ouvert sans dommage (passages entiers)
crit-job-lines-kept = Aucun client en service coupé
crit-job-window-opened = Fenêtre de piquage à la bonne longueur
crit-job-fibres-stored = Lovage des fibres dans les cassettes
crit-job-box-closed = Boîtier fermé et étiqueté

## Déploiement
crit-poles-safe = Sécurité des appuis
crit-poles-inspected = Appuis inspectés avant décision
crit-poles-recorded = Numéros d'étiquette des appuis relevés
crit-hardware-rules = Armement d'ancrage ou de suspension
crit-span-sag = Flèche de la portée
crit-road-clearance = Hauteur au-dessus des routes
crit-loaded-tension = Tension sous hypothèses climatiques
crit-pull-within-limits = Tension de tirage maximale respectée
crit-sidewall-pressure = Pression latérale dans les courbes
crit-swivel-rated = Calibre de l'émerillon fusible
crit-bend-radius = Rayon de courbure au tirage
crit-figure-eight = Lovage en huit dans la chambre
crit-procedure-order = Ordre d'ouverture de la chambre
crit-procedure-complete = Procédure complète
crit-study-readings = Taux d'utilisation des appuis lus
crit-pole-remedies = Suite donnée à chaque appui étudié
crit-fill-ratio = Taux de remplissage du fourreau
crit-blown = Pose par soufflage
crit-trench-depths = Profondeur de la tranchée
crit-warning-mesh = Grillage avertisseur
crit-network-spacing = Distance au réseau basse tension
crit-transition-built = Remontée aéro-souterraine

## Raccordement et mesure
crit-faces-inspected = Faces inspectées avant connexion
crit-connected-clean = Faces propres à la connexion
crit-faces-judged = Diagnostic des faces de connecteurs
crit-damaged-replaced = Connecteurs endommagés remplacés
crit-budget-right = Bilan optique calculé
crit-reference-right = Référence de la mesure
crit-loss-measured = Affaiblissement mesuré
crit-loss-verdict = Verdict sur le lien
crit-pon-judged = Niveaux PON lus et jugés
crit-fault-found = Défaut trouvé au stylo laser
crit-report-right = Compte rendu d'intervention
crit-connector-fitted = Connecteurs de terrain posés
crit-fibre-identified = Fibre identifiée à l'extrémité B

## Un critère dont le scénario ne se lit plus
crit-unknown = Critère « { $id } »
