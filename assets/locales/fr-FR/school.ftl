# Time and dates
time-bad-date = « { $found } » n'est pas une date : écrivez AAAA-MM-JJ, par exemple 2026-09-07.
time-bad-moment = « { $found } » n'est pas un moment : écrivez par exemple 2026-12-07T08:30+01:00.
time-no-offset = « { $found } » n'a pas de décalage horaire : ajoutez +01:00 (heure d'hiver en France) ou +02:00 (heure d'été), pour que l'échéance tombe à la bonne heure.
time-bad-zone = « { $found } » n'est pas un fuseau horaire connu : écrivez son nom, par exemple Europe/Paris, Indian/Reunion ou America/Cayenne.

# Class lists
roster-empty = La liste est vide.
roster-no-header = La première ligne doit nommer les colonnes (Nom, Prénom, ou Nom complet ; Référence en option) ; trouvé : { $found }
roster-extra-cells = { $found } cellules alors que l'en-tête en a { $expected } : un point-virgule ou une virgule de trop ?
roster-no-name = pas de nom sur cette ligne.
roster-bad-name = un nom fait au plus { $max } caractères, sans caractère de contrôle.
roster-bad-uuid = « { $found } » n'est pas un pseudonyme FibreLab (un UUID).
roster-too-long = la liste dépasse { $max } stagiaires : le reste n'est pas lu.
roster-workbook = Ce fichier est un classeur Excel ou LibreOffice (.xlsx, .xls, .ods), pas une liste CSV : ouvrez-le et enregistrez-le en « CSV UTF-8 », puis importez ce fichier-là.
roster-not-text = Ce fichier n'est pas du texte (un octet nul sur cette ligne) : importez la liste enregistrée en « CSV UTF-8 ».
roster-mixed-encoding = Cette ligne n'est pas écrite en UTF-8 alors que d'autres lignes du fichier le sont : le fichier mélange deux codages, rien n'en est importé. Ouvrez-le et enregistrez-le de nouveau en « CSV UTF-8 ».
roster-bad-utf16 = Le fichier est en UTF-16 mais un caractère est coupé sur cette ligne : rien n'en est importé. Ouvrez-le et enregistrez-le de nouveau en « CSV UTF-8 ».
roster-unknown-columns = Colonne(s) non reconnue(s), donc non lue(s) : { $items }. Les colonnes lues : Nom, Prénom, Nom complet, Référence, Pseudonyme.
roster-column = colonne { $col } « { $found } »
roster-same-column = la colonne { $col } « { $found } » dit la même chose que la colonne { $first } : seule la colonne { $first } est lue.
roster-open-quote = un guillemet " s'ouvre sur cette ligne et ne se ferme jamais : la suite du fichier n'est pas lue.
roster-no-trainee = Aucun stagiaire lu dans ce fichier : rien n'est importé.
roster-imported = { $created } stagiaire(s) ajouté(s), { $already } déjà inscrit(s), { $dupes } doublon(s) dans le fichier, { $bad } problème(s) signalé(s) ci-dessus (lignes refusées, colonnes non lues).
roster-dry-run = Essai à blanc, rien n'est enregistré : { $created } stagiaire(s) seraient ajouté(s), { $already } déjà inscrit(s), { $dupes } doublon(s), { $bad } problème(s) signalé(s) ci-dessus (lignes refusées, colonnes non lues).

# Trainees, trainers, cohorts
trainee-unknown = Aucun stagiaire « { $key } ».
trainee-ambiguous = { $n } stagiaires s'appellent « { $key } » : donnez son identifiant (trainee list).
pin-bad = Un code PIN fait de 4 à 12 chiffres.
pin-bad-trainer = Le code PIN d'un formateur fait de { $min } à 12 chiffres (il ouvre toutes les commandes de l'école).
trainer-added = Formateur ajouté : { $uuid }. Son code PIN est maintenant demandé pour les commandes de l'école.
trainer-pin-needed = Commande réservée aux formateurs : tapez votre code PIN quand il est demandé, ou donnez-le dans la variable FIBRELAB_TRAINER_PIN (jamais sur la ligne de commande, où tous les comptes du poste le lisent).
cohort-bad-name = Le nom d'une promotion fait de 1 à { $max } caractères.
cohort-ends-before = La promotion finit avant de commencer.
cohort-exists = La promotion « { $name } » existe déjà.
cohort-unknown = Aucune promotion « { $name } » (cohort list).
cohort-created = Promotion « { $name } » créée.
cohort-col-members = stagiaires
cohort-archived = archivée

# Assessments
assess-bad-id = « { $found } » : l'identifiant d'une évaluation s'écrit en minuscules, chiffres et tirets (64 au plus), par exemple ecf-mesure-2026-12.
assess-no-title = L'évaluation n'a pas de titre.
assess-item-count = Une évaluation donne de 1 à { $max } scénarios.
assess-unknown-scenario = Aucun scénario « { $id } » dans le dossier des scénarios.
assess-scenario-twice = Le scénario « { $id } » est donné deux fois.
assess-closes-before = L'évaluation ferme avant d'ouvrir.
assess-bad-limit = Un temps limite va de 1 à { $max } minutes.
assess-bad-attempts = Le nombre de tentatives va de 1 à { $max }.
bad-option-choices = { $option } : « { $found } » n'est pas une valeur possible ; au choix : { $allowed }.
assess-bad-option = { $option } : « { $found } » n'est pas une valeur possible.
assess-no-cohort = Pour quelle promotion ? Donnez --cohort, ou cohort: dans le fichier.
assess-exists = Une évaluation « { $id } » existe déjà (--replace la refait tant que personne ne l'a commencée).
assess-locked = L'évaluation « { $id } » a commencé : ses scénarios sont figés. Créez-en une nouvelle.
assess-created = Évaluation « { $id } » créée pour { $cohort } : { $n } affectation(s).
assess-valid = { $n } fichier(s) d'évaluation valide(s).
assess-unknown-id = Aucune évaluation « { $id } » (assess list).
assess-unknown = Cette évaluation n'existe plus.
assess-not-assigned = Ce stagiaire n'a pas cette évaluation.
assess-closed = L'évaluation est fermée.
assess-not-open = L'évaluation ouvre le { $opens }.
assess-no-attempts-left = Plus de tentative possible : { $n } autorisée(s).
assess-summary = Ouverture { $opens }, fermeture { $closes }, temps limite { $limit } min (0 = aucun), { $attempts } tentative(s), tirage : { $seed }, résultats : { $feedback }.
assess-state-ready = prête
assess-state-started = commencée
assess-state-closed = fermée
review-long = Un commentaire fait au plus { $max } caractères.

# Results and exports
export-yes = oui
export-no = non
decision-validated = validé
decision-not-validated = non validé
decision-redo = à refaire
export-col-cohort = Promotion
export-col-assessment = Évaluation
export-col-kind = Type
export-col-trainee-uuid = Pseudonyme du stagiaire
export-col-name = Nom
export-col-external-ref = Référence
export-col-scenario = Exercice (identifiant)
export-col-scenario-title = Exercice
export-col-scenario-hash8 = Version de l'exercice
export-col-attempt-uuid = Tentative (identifiant)
export-col-attempt-no = N° de tentative
export-col-seed = Graine
export-col-started-at = Commencée le
export-col-duration-s = Durée (s)
export-col-time-limit-s = Temps accordé (s)
export-col-score = Note sur 100
export-col-score-short = Note
export-col-pass-mark = Note pour réussir
export-col-passed = Réussi
export-col-critical-failed = Critères éliminatoires manqués
export-col-criterion-points = { $title } (points)
export-col-decision = Décision du formateur
export-col-verified = Vérifié
export-col-origin = Faite dans
export-col-program-version = Version de FibreLab
export-col-criterion-title = Critère
export-col-points = Points
export-col-max-points = Points possibles
export-col-met = Atteint
export-col-critical = Éliminatoire
export-col-feedback = Commentaire
export-origin-app = l'application
export-origin-script = un script
export-print-page = Page &P sur &N
export-legend-col-trainee-uuid = Le pseudonyme du stagiaire : le même dans tous les fichiers de l'école, sans son nom.
export-legend-col-seed = Le tirage de l'exercice (ses valeurs) : avec lui, fibrelab rejoue la tentative à l'identique. « — » tant qu'un autre stagiaire peut encore passer ce tirage.
export-legend-col-scenario-hash8 = Les 8 premiers caractères de l'empreinte de l'exercice joué (en entier ci-dessous) : deux tentatives de même version ont joué le même texte.
export-legend-col-verified = « oui » : fibrelab a rejoué la tentative (ou ses sceaux tiennent) et retrouve la note enregistrée.
export-legend-col-origin = Où la tentative a été faite : dans l'application (elle compte) ou par un script (elle ne compte jamais pour une évaluation).
export-legend-col-critical-failed = Les critères éliminatoires manqués : un seul suffit à échouer, quelle que soit la note.
export-legend-what = Élément
export-legend-value = Valeur
export-legend-detail = Précision
assess-kind-practice = entraînement
assess-kind-formative = évaluation formative
assess-kind-ecf = ECF
assess-kind-final = évaluation finale
assess-kind-free = entraînement libre
export-sheet-results = Résultats
export-sheet-criteria = Critères
export-sheet-legend = Légende
export-legend-generated = Fait le
export-legend-version = Version de FibreLab
export-legend-verify = Vérifier
export-legend-verify-how = fibrelab verify rejoue chaque tentative et la compare à sa note ; chaque scénario est nommé ci-dessous avec l'empreinte SHA-256 du texte joué.
export-xlsx-failed = Le classeur Excel n'a pas pu être fait : { $detail }
export-cannot-write = Impossible d'écrire l'export ({ $detail }).
cell-passed = réussi
cell-failed = échoué
cell-critical = échec critique
cell-in-progress = en cours
cell-not-done = non fait

# Bundles
bundle-written = { $n } tentative(s) dans { $file }.
bundle-unreadable = ce n'est pas un lot de tentatives FibreLab ({ $detail }).
bundle-format = lot au format « { $found } », que cette version ne lit pas.
bundle-refused = tentative { $uuid } refusée : { $why }
bundle-conflict = une autre tentative porte déjà ce numéro ici, avec un autre contenu.
bundle-bad-uuid = son identifiant n'est pas un UUID.
bundle-imported = { $file } : { $accepted } tentative(s) acceptée(s) après rejeu, { $already } déjà là, { $refused } refusée(s).
bundle-unknown-assessment = elle a été faite pour une évaluation que ce PC ne connaît pas. Créez ici l'évaluation à partir du même fichier que sur les postes, puis importez le lot à nouveau.
bundle-not-assigned = { $who } n'a pas de scénario { $item } dans « { $title } » sur ce PC : le poste n'a pas reçu la liste ou l'évaluation de ce PC.
bundle-script = elle n'a pas été faite dans l'application (origine « { $origin } ») : une tentative jouée par un script en ligne de commande ne compte jamais pour une évaluation.
bundle-other-scenario = elle a été faite sur le scénario { $found }, mais le scénario { $item } de cette évaluation est { $expected }.
bundle-other-text = elle a été faite sur une autre version du scénario { $id } que celle de cette évaluation ici.
bundle-bad-times = ses heures ne tiennent pas (pas de fin, ou une fin avant le début).
bundle-future = elle finit le { $at }, plus tard que l'horloge de ce PC : vérifiez la date et l'heure du poste.
bundle-before-window = elle a commencé le { $started }, avant l'ouverture de l'évaluation ({ $opens }).
bundle-before-created = elle a commencé le { $started }, avant que l'évaluation soit créée sur ce PC ({ $created }).
bundle-after-window = elle a commencé le { $started }, après la fermeture de l'évaluation ({ $closes }).
bundle-wrong-seed = le poste a tiré un autre exercice que celui de l'école pour { $who } (scénario { $item }, tentative { $n }) : un poste doit recevoir l'évaluation de l'école (son fichier, la liste de la promo et la clé de l'école), pas la préparer tout seul.
bundle-seed-taken = la tentative { $n } de { $who } au scénario { $item } est déjà là, venue d'une autre tentative sur le même tirage : deux tentatives réclament la même place. Voyez avec { $who } laquelle est la sienne ; celle-ci n'est pas gardée.
bundle-earlier-missing = c'est la tentative { $k } de { $who } au scénario { $item }, mais { $here ->
        [0] aucune de ses tentatives n'est là
        [one] une seule de ses tentatives est là
       *[other] seules { $here } de ses tentatives sont là
    } : importez d'abord le lot qui a les précédentes, puis celle-ci à nouveau.
bundle-other-trainee = elle a été faite sur le tirage de { $other }, pas sur celui de { $who } (scénario { $item }) : elle est rangée sous le mauvais stagiaire.
bundle-too-many = ce serait la tentative { $n } de { $who } au scénario { $item }, alors que l'évaluation en permet { $allowed }.
bundle-no-limit = le poste ne lui a donné aucun temps limite, alors que l'école donne { $here } min (temps supplémentaire compris).
bundle-limit-raised = le poste lui a donné { $seat } min, alors que l'école donne { $here } min (temps supplémentaire compris).
bundle-overtime = elle a duré { $took } min, alors qu'elle avait { $limit } min (temps supplémentaire compris).
bundle-note = tentative { $uuid } gardée : { $what }
bundle-less-time = { $who } a eu { $seat } min sur le poste, alors que l'école donne { $here } min (temps supplémentaire compris). Donnez aux postes le temps supplémentaire de chaque stagiaire avant l'évaluation.

# xAPI
xapi-no-base = Réglez d'abord l'adresse de l'école sous laquelle vivent les identifiants xAPI : fibrelab school set base-iri https://formation.votre-ecole.fr/fibrelab
xapi-bad-base = « { $found } » : l'adresse de l'école est une adresse https que l'école contrôle, sans espace, ? ni #.
xapi-exported = { $n } déclaration(s) xAPI écrite(s) dans { $file }.
xapi-would-send = Essai à blanc : { $n } déclaration(s) en { $batches } envoi(s) attendent.
xapi-refused = Le LRS refuse les déclarations de la tentative { $uuid } : { $detail }
xapi-unreachable = Le LRS ne répond pas ({ $detail }) : les déclarations restent en attente pour le prochain envoi.
xapi-sent = { $sent } déclaration(s) reçue(s) par le LRS, { $failed } en échec ; { $waiting } en attente.
xapi-status = { $waiting } déclaration(s) en attente, { $sent } envoyée(s) ; dernier envoi réussi : { $last }.
xapi-bad-endpoint = « { $found } » : l'adresse du LRS est une adresse https, par exemple https://lrs.votre-ecole.fr/xapi.
xapi-http-refused = « { $found } » : en http, le mot de passe et les résultats passeraient en clair sur le réseau. Donnez l'adresse https du LRS (http n'est permis que sur cet ordinateur : localhost, 127.0.0.1, ::1).
xapi-no-password = --user { $user } est donné mais FIBRELAB_LRS_PASSWORD est vide ou absent : rien n'est envoyé. Mettez le mot de passe du LRS dans FIBRELAB_LRS_PASSWORD.
xapi-conflict = Le LRS garde déjà une autre déclaration sous l'identifiant { $id } (tentative { $uuid }) : la nôtre n'est pas comptée comme envoyée et reste en attente. Voyez avec la personne qui gère le LRS.
xapi-not-made = { $n } déclaration(s) en attente ne peuvent plus être refaites depuis les tentatives enregistrées : elles restent en attente, non envoyées.

# Reports
report-title = Relevé d'évaluation
report-trainee = Stagiaire
report-cohort = Promotion
report-assessment = Évaluation
report-free-practice = entraînement libre
report-scenario = Scénario
report-version = version
report-date = Date
report-duration = Durée
report-minutes-allowed = min accordées
report-score = Note
report-pass-mark = seuil
report-seed-version = Graine · programme
report-ended-by-time = Terminée par la fin du temps imparti : notée telle qu'elle était à l'échéance.
report-criteria = Critères
report-criterion = Critère
report-points = Points
report-feedback = Appréciation
report-critical = éliminatoire
report-trace = Trace OTDR (dernière acquisition)
report-log = Déroulé : chaque geste et ce que le poste en a dit
report-time = Temps
report-gesture = Geste
report-bench-said = Constat
report-decision = Décision du formateur
report-no-decision = pas encore de décision
report-sign-trainer = Le formateur (nom, date, signature)
report-sign-trainee = Le stagiaire (nom, date, signature)
report-code = Code de vérification :
report-code-how = fibrelab verify --code rejoue la tentative et dit si ce relevé lui correspond.
report-cohort-title = Synthèse de promotion
report-gradebook = Résultats par stagiaire
report-criteria-failed = Critères manqués
report-most-common = Appréciation la plus fréquente
report-failed-share = Manqué par
report-no-attempt-yet = Aucune tentative terminée pour l'instant.
report-no-criterion-failed = Aucun : chaque critère a été atteint à chaque tentative.
report-not-passed = Pas encore réussi ou pas fait
template-unclosed = Le modèle d'attestation a un « {"{{"} » sans « {"}}"} ».
template-unknown = Le modèle d'attestation utilise « { $name } », qui n'existe pas. Variables possibles : { $known }.
verify-code-ok = Code { $code } : tentative { $id } ({ $scenario }, { $trainee }), note { $score } confirmée par le rejeu.
verify-code-bad = Code { $code } : tentative { $id } : DIFFÉRENCE : { $problem }
verify-code-unknown = Code { $code } : aucune tentative de cette base ne lui correspond (code mal recopié, ou relevé ou base modifiés).

# In the app
app-i-am-button = Je suis… (liste de l'école)
app-trainer-button = Mode formateur
app-i-am = Je suis…
app-i-am-help = Choisissez votre promotion, puis votre nom.
app-no-cohorts = L'école n'a pas encore de promotion : le formateur les crée (fibrelab cohort create, trainee import).
app-my-cohort = Ma promotion
app-my-name = Mon nom
app-my-pin = Mon code PIN
app-its-me = C'est moi
app-pin = code PIN
app-pin-wrong = Code PIN incorrect.
app-trainer-mode = Formateur :
app-trainer-open = Ouvrir le mode formateur
app-my-assessments = Les évaluations de { $name }
app-no-assessments = Aucune évaluation pour l'instant.
app-not-me = Ce n'est pas moi
app-free-practice = Entraînement libre
app-col-assessment = Évaluation
app-col-exercise = Exercice
app-col-window = Ouverture
app-col-limit = Temps
app-col-attempts = Tentatives
app-col-criterion = Critère
app-col-failed = Manqué
app-col-feedback = Appréciation la plus fréquente
app-col-date = Date
app-col-score = Note
app-window-closed = fermée
app-window-open = ouverte
app-window-opens = ouvre le { $at }
app-window-left = ouverte, ferme dans { $left }
app-minutes = { $m } min
app-hours-minutes = { $h } h { $m } min
app-start-assessment = Commencer
app-resume-assessment = Reprendre là où vous l'avez laissée
app-assessment-not-open = L'évaluation n'est pas ouverte en ce moment.
app-no-attempt-left = Plus de tentative possible.
app-time-allowed = temps accordé : { $time }
app-time-free = sans limite de temps
app-extra-time = (dont { $time } de temps supplémentaire)
app-attempts-used = tentatives : { $used } sur { $allowed }
app-time-left = Temps restant : { $left }
app-assessment-recorded = Tentative enregistrée.
app-assessment-feedback-later = Votre formateur vous communiquera le résultat.
app-assessment-detail-later = Le détail des critères sera donné après votre dernière tentative.
app-my-assessments-back = Mes évaluations
app-trainer-title = Mode formateur
app-tab-gradebook = Carnet de notes
app-tab-status = En direct
app-tab-criteria = Critères
app-col-state = Où en est-il
app-state-not-started = pas commencé
app-state-running = en cours depuis { $since }, { $n ->
    [one] { $n } geste
   *[other] { $n } gestes
}
app-state-submitted = rendu : { $score }
app-state-closed = abandonné
app-state-handed-in = rendu, note au prochain rafraîchissement
app-state-offline = hors ligne
app-state-too-fast = envoyée plus vite que jouée
app-state-idle = en cours, rien fait depuis { $since } ({ $n ->
    [one] { $n } geste
   *[other] { $n } gestes
}) : a-t-il quitté le poste ?
app-col-time-left = Temps restant
app-time-over = temps écoulé
app-back-to-trainer = Retour au mode formateur
app-tab-trainee = Un stagiaire
app-trainer-leave = Quitter le mode formateur
app-criteria-help = Part des tentatives où chaque critère est manqué, et l'appréciation la plus souvent donnée.
app-review-attempt = Revoir
app-decision-comment = Commentaire de la décision :
app-decision-saved = Décision enregistrée pour la tentative { $id }, à côté de sa note.

# Personal data
erase-confirm = L'effacement du nom de { $uuid } est définitif : ajoutez --confirm.
erase-done = Nom, référence et code PIN de { $uuid } effacés des fichiers de la base ; { $n } tentative(s) gardée(s) sous le pseudonyme.
erase-already = Le nom de { $uuid } est déjà effacé.
erase-server-disk = Sur le serveur de l'école, les noms ont quitté les tables ; les pages du disque qui les gardaient sont réécrites par le « vacuumdb --full » de la nuit (service informatique, README étape 7). Les sauvegardes plus anciennes les gardent jusqu'à leur propre fin.
purge-dry-run = Essai à blanc : { $n } stagiaire(s) dont la durée de conservation est passée.
purge-done = { $n } stagiaire(s) dont la durée de conservation est passée : noms effacés, résultats gardés sous pseudonyme.

# Integrity
cli-assessment-hidden = Ce scénario est donné dans une évaluation en cours : les valeurs tirées et le détail des critères ne sont pas affichés.
origin-script = (script)
origin-assessment = (évaluation)
origin-assessment-bundle = (évaluation, reçue d'un poste par lot)
origin-bundle = (reçue d'un poste par lot)
db-time-up = Le temps de la tentative { $id } est écoulé : elle est notée telle qu'elle était à l'échéance.
db-assessment-only = La tentative { $id } appartient à une évaluation : elle ne se continue que dans l'application.
key-missing = Pas de clé de l'école à { $path }.
key-unreadable = La clé de l'école { $path } ne se lit pas : { $detail }
key-malformed = La clé de l'école { $path } est abîmée (64 chiffres hexadécimaux attendus). Remettez la copie de sauvegarde.
verify-not-official = joué sur un autre texte que le scénario officiel de cet identifiant (joué { $played }, officiel { $official }, lu dans { $file }) : une copie modifiée.
verify-not-pinned = joué sur un autre texte que celui figé par l'évaluation (joué { $played }, figé { $pinned }).
verify-earlier-version = joué sur une version antérieure du scénario officiel ({ $played } ; aujourd'hui { $official }).
verify-version-unrecorded = le scénario officiel a changé depuis ({ $played } ; aujourd'hui { $official }) ; la tentative date d'avant que la provenance soit enregistrée.
verify-no-official = aucun scénario officiel « { $id } » dans le dossier : la note est celle du texte enregistré.
verify-seal = SCEAU : { $problem }
verify-seal-attempt = Tentative { $id } : SCEAU : { $problem }
seal-no-key = la base est scellée mais la clé de l'école n'est pas là (FIBRELAB_SCHOOL_KEY) : les sceaux ne sont pas vérifiés.
seal-wrong-key = la clé { $path } n'est pas celle qui a scellé cette base.
seal-broken = la chaîne des sceaux est rompue au sceau { $n } : un enregistrement a été supprimé, modifié ou inséré.
seal-cut = la chaîne compte { $found } sceau(x) alors qu'il y en avait { $n } : les derniers enregistrements ont été supprimés.
seal-cut-copy = ce fichier compte { $found } sceau(x) alors que la base scellée ici ({ $path }) en avait { $n } : ses derniers enregistrements ont été supprimés, ou c'est une copie faite avant eux.
seal-format-unsealed = cette base est d'un format que FibreLab scelle dès son premier enregistrement, et elle ne porte aucun sceau : ses sceaux ont été retirés.
seal-head-replaced = le sceau { $n } n'est plus celui que la tête de chaîne gardée à côté de la clé connaît (la base en compte { $found }) : des enregistrements ont été remplacés.
verify-needs-key = la graine de cette tentative d'évaluation est gardée sous la clé de la base : avec une autre clé, son tirage ne peut pas être refait.
seal-unsealed = aucun sceau : cet enregistrement n'a pas été fait par FibreLab.
seal-start-changed = l'enregistrement ne correspond plus à son sceau de départ (scénario, graine, stagiaire, date ou provenance modifiés).
seal-reopened = la tentative avait été terminée puis a été rouverte.
seal-end-missing = la tentative est marquée terminée sans que FibreLab l'ait terminée.
seal-end-changed = l'enregistrement ne correspond plus à son sceau de fin (note, journal, dates ou statut modifiés).
seal-deleted = la tentative { $uuid } a été supprimée.
seal-person-changed = la fiche du stagiaire { $uuid } a été modifiée hors de FibreLab.
seal-person-unsealed = la fiche du stagiaire { $uuid } n'a pas été faite par FibreLab.

## The chain of seals (format 3: every record, every action, the anchor beside the key)
db-key-needed = Cette base est scellée avec la clé de l'école, qui n'est pas donnée : rien n'y est écrit.
db-tampered = La tentative { $id } ne peut pas être reprise : { $problem } Un formateur la clôt ou vérifie la base (fibrelab verify).
db-ended = La tentative { $id } avait été terminée juste avant l'arrêt du programme : sa note est enregistrée maintenant, telle que le stagiaire l'a laissée.
key-missing-sealed = La clé de l'école n'est pas à { $path }, alors que la base { $db } est scellée avec elle : rien n'y est écrit. Remettez la copie de la clé (ou donnez son chemin dans FIBRELAB_SCHOOL_KEY) ; une nouvelle clé ne vérifierait aucun sceau.
seal-never = cette base n'a jamais été scellée (elle date d'avant les sceaux) : le rejeu seul la vérifie.
seal-key-removed = l'empreinte de la clé a été retirée de la base (réglage « seal.key ») alors que la base est scellée.
seal-identity-changed = l'identité de la base (« install.uuid ») a été changée hors de FibreLab : elle a été scellée sous { $old }.
seal-store-replaced = ce fichier ({ $path }) contenait une autre base scellée ({ $old }) : elle a été remplacée ou son identité (« install.uuid ») changée.
seal-store-replaced-before = une autre base scellée ({ $old }) occupait ce fichier avant celle-ci (constaté le { $at }).
seal-no-anchor = rien n'est gardé de cette base à côté de la clé ({ $dir }) : une coupe des derniers enregistrements ne peut pas se voir (base copiée d'un autre poste ?).
seal-anchor-behind = la tête de chaîne gardée à côté de la clé est en retard ({ $n } sceaux, la base en a { $found }) : une écriture n'a pas pu la mettre à jour (disque plein, arrêt brutal).
seal-cut-before = la chaîne avait été coupée : le sceau { $n } manquait quand FibreLab a écrit ensuite ({ $found } sceaux restaient, constaté le { $at }).
seal-all-removed = la base est scellée mais tous ses sceaux ont été supprimés.
seal-no-identity = enregistrement sans identifiant : il n'a pas été fait par FibreLab.
seal-adopted-changed = l'enregistrement a changé depuis qu'il a été scellé tel quel (à l'arrivée des sceaux).
seal-action-changed = le geste { $n } du journal a été modifié, ajouté ou déplacé hors de FibreLab.
seal-actions-cut = les derniers gestes du journal ont été retirés (FibreLab en avait enregistré { $n }, il en reste { $found }).
seal-record-changed = { $what } { $subject } a été modifié(e) hors de FibreLab.
seal-record-unsealed = { $what } { $subject } n'a pas été fait(e) par FibreLab.
seal-record-deleted = { $what } { $subject } a été supprimé(e) hors de FibreLab.
seal-record-back = { $what } { $subject }, supprimé(e) par FibreLab, a été remis(e) hors de FibreLab.
seal-what-trainee = la fiche du stagiaire
seal-what-trainer = la fiche du formateur
seal-what-cohort = le groupe
seal-what-member = l'inscription au groupe
seal-what-assessment = l'évaluation
seal-what-item = l'exercice d'évaluation
seal-what-assignment = l'attribution
seal-what-review = la décision du formateur
seal-what-audit = la ligne du journal des actions
seal-what-setting = le réglage
roster-other-name = le pseudonyme { $uuid } est déjà « { $here } » ici ; cette ligne dit « { $found } » : rien n'est changé (vérifiez la liste).

## Who may do what (trainers' and trainees' PINs)
trainer-add-seat = La base { $db } contient la liste de l'école mais aucun formateur : quiconque est assis là deviendrait formateur, donc aucun n'y est ajouté. Préparez les postes depuis une base neuve (fibrelab trainer add, puis trainee import de la liste du formateur).
trainer-none-here = Aucun formateur n'est enregistré dans la base { $db } : les commandes de l'école y sont fermées (un poste de stagiaire). Un formateur s'y ajoute d'abord : fibrelab trainer add « Nom » (son code PIN est demandé).
trainer-none = Aucun formateur n'est enregistré sur ce poste : le mode formateur y est fermé.
trainee-pin-required = L'école demande un code PIN à chaque stagiaire et vous n'en avez pas encore : demandez-le à votre formateur.
pin-prompt-trainer = Code PIN du formateur :
pin-prompt-trainee = Code PIN du stagiaire :
pin-prompt-new = Nouveau code PIN (4 à 12 chiffres) :
pin-prompt-again = Le même code PIN, encore une fois :
pin-mismatch = Les deux codes PIN tapés diffèrent : rien n'est changé.
pin-new-needed = Tapez le nouveau code PIN quand il est demandé (dans un terminal), ou donnez-le dans la variable FIBRELAB_NEW_PIN.
pin-wrong-tries = Code PIN faux ({ $n } fois de suite, noté dans le journal de l'école). Réessayez.
pin-wrong-wait = Code PIN faux ({ $n } fois de suite, noté dans le journal de l'école). Prochain essai possible dans { $wait } s.
pin-record-changed = Ce code PIN ouvre une fiche qui a été modifiée hors de FibreLab : elle n'ouvre rien (noté dans le journal de l'école). Un formateur vérifie la base (fibrelab verify) et la remet de sa sauvegarde.
pin-wait = Trop de codes PIN faux de suite : réessayez dans { $s } s.
trainee-pins-made = { $n } code(s) PIN faits, à remettre à chaque stagiaire : la liste est dans { $file } (lisible par vous seul ; détruisez-la une fois les codes remis).
pins-col-name = Nom complet
pins-col-ref = Référence
pins-col-pin = Code PIN
template-unbalanced = Le modèle d'attestation a un « {"{{"} { $tag } {"}}"} » sans son pendant (chaque « {"{{"} if … {"}}"} » se ferme par « {"{{"} end {"}}"} », avec au plus un « {"{{"} else {"}}"} »).
print-page = Page
report-refused = refusé :
report-log-summary = { $n ->
    [one] { $n } geste
   *[other] { $n } gestes
} en { $duration }, { $refused ->
    [0] aucun refusé par le poste
    [one] { $refused } refusé par le poste
   *[other] { $refused } refusés par le poste
}. { $shown ->
    [0] Le déroulé complet est en annexe.
    [one] Ci-dessous le moment clé (un refus, sinon le dernier geste) ; le déroulé complet est en annexe.
   *[other] Ci-dessous les { $shown } moments clés (les refus, puis les derniers gestes) ; le déroulé complet est en annexe.
}
report-annex-log = Annexe — déroulé complet de { $name } : chaque geste et ce que le poste en a dit

## The school's store on a PostgreSQL server (school server setup).
server-unreachable = Le serveur de l'école { $url } ne répond pas comme il faut : { $detail }
server-no-cert = Pour parler au serveur { $url } en chiffré, donnez le certificat de l'école dans l'adresse : …&sslrootcert=/chemin/ecole.crt (le fichier que le service informatique a copié sur ce poste). Sans lui, FibreLab ne peut pas savoir que c'est bien le serveur de l'école.
server-not-url = « { $found } » n'est pas l'adresse d'un serveur PostgreSQL : elle commence par postgres:// (par exemple postgres://postgres@localhost:5432/fibrelab).
server-roles-made = Rôles créés : fibrelab_owner (propriétaire des tables), fibrelab_trainer (les formateurs), fibrelab_seat (les postes des salles), fibrelab_audit (le journal des refus).
server-tables-made = Tables de l'école créées ou mises à jour : { $n } instructions, format { $format }.
server-functions-made = Fonctions des postes installées (liste des évaluations ouvertes, début, actions, fin) ; droits remis en place : un poste ne peut rien faire d'autre.
server-key-kept = La clé de l'école (empreinte { $fingerprint }) est gardée sur le serveur, où aucun poste ne peut la lire.
server-trainer-login = Connexion de formateur prête : { $role }.
server-room-login = Connexion de salle prête : { $role } (tous les postes de la salle l'utilisent, en chiffré seulement).
server-bad-role = « { $role } » ne peut pas servir de nom de connexion : lettres minuscules sans accent, chiffres et _ seulement, en commençant par une lettre.
server-bad-room = « { $role } » ne peut pas servir de nom de salle : il commence par seat_ puis des lettres minuscules, des chiffres ou _ (par exemple seat_salle_b12).
server-password-short = Le mot de passe de { $role } est trop court : { $min } caractères au moins (une connexion de formateur lit la clé de l'école).
server-password-needed = Le mot de passe de { $role } : tapez-le dans un terminal, ou donnez-le dans la variable { $var }.
server-password-prompt = Mot de passe de { $role } :
server-password-again = Encore une fois :
server-setup-done = La base de l'école est prête sur { $url } (clé { $fingerprint }). Les formateurs s'y connectent avec --db postgres://NOM@SERVEUR/fibrelab?sslmode=require&sslrootcert=ecole.crt, les postes avec la connexion de leur salle.

## A seat of a room on the school's server.
seat-offline = Le serveur de l'école ne répond plus : le poste continue et lui remettra les gestes dès qu'il répondra ({ $detail }).
seat-needs-server = Un poste de salle se connecte au serveur de l'école : donnez son adresse avec --db postgres://… ou FIBRELAB_DB.
seat-nothing-open = Aucune évaluation ouverte pour ce stagiaire sur l'exercice « { $scenario } » (ou plus aucune tentative permise).
seat-handed-in = Tentative remise au serveur de l'école ({ $attempt }). Le formateur la note en rejouant ce que le serveur a reçu.
seat-pin-needed = Le code PIN du stagiaire : tapez-le dans un terminal, ou donnez-le dans la variable FIBRELAB_TRAINEE_PIN.
seat-time-up = Le temps de l'évaluation est écoulé (heure du serveur de l'école) : ce geste n'est pas compté.
seat-pin-wrong = Code PIN incorrect.
seat-pin-wait = Trop de codes PIN faux de suite : attendez un peu avant de réessayer.
seat-pin-not-set = Ce stagiaire n'a pas de code PIN sur le serveur : le formateur doit lui en donner un (fibrelab trainee pin).
seat-unknown = Le serveur ne connaît pas cette évaluation, ce stagiaire ou cette tentative (ou le stagiaire est archivé).
seat-not-open = L'évaluation n'est pas encore ouverte.
seat-closed = L'évaluation est fermée.
seat-no-attempts-left = Toutes les tentatives permises pour cette évaluation sont déjà utilisées.
seat-not-pinned = L'exercice de cette évaluation n'est pas fixé sur le serveur : le formateur doit recréer l'évaluation sur le serveur.
seat-other-seat = Cette tentative a été commencée depuis une autre salle : elle ne peut pas continuer ici.
seat-attempt-not-open = Cette tentative est déjà terminée ou fermée.
seat-bad-seq = Le serveur attendait un autre geste (numéro) : la tentative reprend depuis ce que le serveur a reçu.
seat-bad-time = L'heure de ce geste ne va pas (avant le geste précédent, ou trop tard) : il est refusé.
seat-too-long = Ce qui est envoyé au serveur est trop long : refusé.
seat-no-key = Le serveur de l'école n'a pas la clé de l'école (ou une autre) : le service informatique doit refaire « fibrelab school server setup ».
seat-bad-input = Le serveur a refusé une valeur manquante ou mal formée.
seat-too-fast = Plus de 50 gestes en une seconde : plus vite qu'une main, le serveur refuse celui-ci.

## The app on a room's seat (the school's server)
app-seat-room = Poste de salle : les évaluations se passent sur le serveur de l'école.
app-seat-nobody = Personne n'a d'évaluation ouverte en ce moment. Demandez au formateur.
app-seat-no-cohort = Sans groupe
app-seat-scenario-missing = L'exercice « { $scenario } » n'est pas sur ce poste : demandez au formateur.
app-seat-no-abandon = Sur un poste de salle, une tentative ne s'abandonne pas : elle reste ouverte sur le serveur. Reprenez-la ou terminez-la.
app-seat-no-store = Le serveur de l'école n'est pas ouvert sur ce poste.
app-seat-waiting = Le serveur de l'école ne répond pas : { $n ->
    [one] 1 geste gardé
   *[other] { $n } gestes gardés
} sur ce poste, envoyés dès qu'il répondra. Continuez.
app-seat-handed-in = Remise au serveur de l'école. Le formateur la note.
app-seat-not-handed-in = Pas encore remise : le serveur de l'école ne répond pas. Le poste réessaie toutes les 10 secondes ; ne fermez pas FibreLab.
app-seat-offline-short = ⚠ hors ligne : { $n ->
    [one] 1 geste gardé
   *[other] { $n } gestes gardés
}
