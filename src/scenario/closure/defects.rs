//! The Interop'Fibre Malfaçon code lists (API v1.0.0, FTTH-JOBS §11 ✔): where a defect
//! lies (LD) and what it is (FD), as auditors file them against a connection. The labels
//! are the protocol's, verbatim and in French (a code list's values, as GraceTHD's are);
//! a trainee's screen shows them with the code. The protocol sets severity per ticket,
//! not per code (§11.1): each code's here is FibreLab's default, marked as the reference
//! marks it — matched to one of the specification's MAJOR examples (`~`) or a teaching
//! value (`[U]`) — with the reference's condition where it gives one.

/// A ticket's severity (§11.1): CRITICAL a serious and imminent danger to people, MAJOR
/// damage to the site, a risk of a mass outage or new customers blocked, MINOR the rest;
/// `Info` for the OC's "not usable" notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Critical,
    Major,
    Minor,
    Info,
}

/// How sure the default severity is (FTTH-JOBS §0's marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// `~`: the fault matches one of the specification's MAJOR examples.
    SpecExample,
    /// `[U]`: a teaching value; the specification sets none.
    Teaching,
}

/// A fault code (FD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub code: &'static str,
    /// The protocol's label, verbatim.
    pub label: &'static str,
    /// The tickets it is filed on: I = OI→OC, C = OC→OI; PM, PBO, CCF (the drop), aPM
    /// (upstream of the PM), PM-PBO.
    pub tickets: &'static str,
    pub severity: Severity,
    pub mark: Mark,
    /// The reference's condition or note on the severity, if any.
    pub note: &'static str,
}

/// A location code (LD): its value, and the tickets it is filed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub code: &'static str,
    pub value: &'static str,
    pub tickets: &'static str,
}

/// The location codes of v1.0.0, in order.
pub const LOCATIONS: &[Location] = &[
    Location {
        code: "LD01",
        value: "AMONT_PM_INSTALLATION",
        tickets: "C:aPM",
    },
    Location {
        code: "LD02",
        value: "ARMOIRE",
        tickets: "I:PM C:PM",
    },
    Location {
        code: "LD03",
        value: "BOITIER",
        tickets: "I:PBO C:PBO",
    },
    Location {
        code: "LD04",
        value: "BRASSAGE_OC",
        tickets: "I:PM C:PM",
    },
    Location {
        code: "LD05",
        value: "CABLE_CARACTERISTIQUE",
        tickets: "I:CCF",
    },
    Location {
        code: "LD06",
        value: "CABLE_INSTALLATION",
        tickets: "I:CCF C:CCF",
    },
    Location {
        code: "LD07",
        value: "CASSETTE",
        tickets: "I:PBO C:PBO",
    },
    Location {
        code: "LD08",
        value: "COLLECTE_LIEN_PM_PRDM",
        tickets: "I:aPM C:aPM",
    },
    Location {
        code: "LD09",
        value: "CONNECTEUR_TIROIR_ZAPM",
        tickets: "I:PM C:PM",
    },
    Location {
        code: "LD10",
        value: "ENTREE_DE_CABLE_PBO",
        tickets: "I:CCF",
    },
    Location {
        code: "LD11",
        value: "PBO_ENVIRONNEMENT",
        tickets: "I:PBO C:PBO",
    },
    Location {
        code: "LD12",
        value: "PM_PBO_INSTALLATION",
        tickets: "C:PM-PBO",
    },
    Location {
        code: "LD13",
        value: "PTO_CARACTERISTIQUE",
        tickets: "I:CCF",
    },
    Location {
        code: "LD14",
        value: "PTO_INSTALLATION",
        tickets: "I:CCF",
    },
    Location {
        code: "LD15",
        value: "ROUTE_OPTIQUE",
        tickets: "I:PM/PBO",
    },
    Location {
        code: "LD16",
        value: "TIROIR_OC",
        tickets: "I:PM",
    },
    Location {
        code: "LD17",
        value: "TIROIR_ZAPM",
        tickets: "I:PM C:PM",
    },
    Location {
        code: "LD18",
        value: "ADDUCTION_OC",
        tickets: "I:aPM C:aPM",
    },
];

/// The fault codes of v1.0.0, in order (FD35 does not exist).
pub const FAULTS: &[Fault] = &[
    Fault {
        code: "FD01",
        label: "absence de gaine demi-lune pour protéger câble PBO aérien, poteau ou façade",
        tickets: "C:PM-PBO",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD02",
        label: "absence protection obligatoire gaine fendue, demi-lune, …",
        tickets: "I:CCF C:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD03",
        label: "bilan optique non conforme aux STAS",
        tickets: "C:CCF",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD04",
        label: "boîtier PBO non/mal étiqueté hors échec production",
        tickets: "C:PBO",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD05",
        label: "boîtier PBO non/mal refermé, non/mal refixé,…",
        tickets: "I:PBO",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"défaut d'étanchéité sur PB\") ~",
    },
    Fault {
        code: "FD06",
        label: "bouchon absent",
        tickets: "I:PM/aPM C:PM/aPM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD07",
        label: "brassage existant encombrant le cheminement",
        tickets: "C:PM",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"brassage encombrant\") ~",
    },
    Fault {
        code: "FD08",
        label: "brassage OC non conforme",
        tickets: "I:aPM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD09",
        label: "cheminement non conforme aux STAS…",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]; MAJOR if it blocks other ports [U]",
    },
    Fault {
        code: "FD10",
        label: "caractéristiques non conformes aux STAS",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD11",
        label: "cheminement câble OC/OI non conforme",
        tickets: "I:aPM C:aPM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD12",
        label: "cheminement non conforme surplomb domaine privé, …",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD13",
        label: "cheminement non conforme surplomb domaine privé, …",
        tickets: "I:CCF C:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD14",
        label: "cordon non conforme aux STAS caractéristiques techniques",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD15",
        label: "dégradation",
        tickets: "I:PBO/CCF C:PM-PBO/PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD16",
        label: "dégradation du support PBO poteau",
        tickets: "I:PBO C:PBO",
        severity: Severity::Critical,
        mark: Mark::Teaching,
        note: "if the pole is unsafe [U]",
    },
    Fault {
        code: "FD17",
        label: "dégradation majeure",
        tickets: "I:PM",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]; CRITICAL if danger [U]",
    },
    Fault {
        code: "FD18",
        label: "dégradation porte",
        tickets: "I:PM C:PM",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"PM ouvert\") ~",
    },
    Fault {
        code: "FD19",
        label: "dégradation serrure",
        tickets: "I:PM C:PM",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"PM ouvert\") ~",
    },
    Fault {
        code: "FD20",
        label: "dégradation tambours",
        tickets: "I:PM C:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD21",
        label: "dégradation tiroirs cassés",
        tickets: "I:PM C:PM",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD22",
        label: "environnement nettoyage déchets, fermeture",
        tickets: "I:PM C:PM",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"site insalubre\", \"PM ouvert\") ~",
    },
    Fault {
        code: "FD23",
        label: "épissure non conforme dénudage, protection de soudure",
        tickets: "I:PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD24",
        label: "étiquetage du PM non conforme hors échec de production",
        tickets: "C:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD25",
        label: "étiquetage non conforme aux STAS",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD26",
        label: "implantation ou étiquetage non conforme aux STAS",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD27",
        label: "implantation tiroir OC/OI ou étiquetage non conforme",
        tickets: "I:aPM C:aPM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD28",
        label: "localisation non conforme aux données OI commande accès hors échec production",
        tickets: "C:PBO",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"données de localisation erronées\") ~",
    },
    Fault {
        code: "FD29",
        label: "lovage fibre non conforme aux STAS",
        tickets: "I:PBO C:PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD30",
        label: "lovage câble en chambre ou poteau non conforme aux STAS",
        tickets: "I:PBO C:PBO",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD31",
        label: "mauvaise fixation",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD32",
        label: "mauvaise fixation ou fermeture dégradée",
        tickets: "I:PM C:PM",
        severity: Severity::Major,
        mark: Mark::SpecExample,
        note: "(spec \"PM ouvert\") ~",
    },
    Fault {
        code: "FD33",
        label: "modularité du câble CCF non conforme",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD34",
        label: "nettoyage chantier",
        tickets: "I:PBO/CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD36",
        label: "non respect Route Optique communiquée",
        tickets: "I:PM/PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U] (ARCEP #2)",
    },
    Fault {
        code: "FD37",
        label: "non utilisable pas d'autorisation de cheminement",
        tickets: "C:CCF",
        severity: Severity::Info,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD38",
        label: "non utilisable risque de surplomb, sécurisé",
        tickets: "C:CCF",
        severity: Severity::Info,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD39",
        label: "passage de câble non conforme",
        tickets: "C:aPM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD40",
        label: "pose non conforme implantation ou fixation",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD41",
        label: "présence de cordons à zéro non retirés",
        tickets: "I:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U] (ARCEP #5)",
    },
    Fault {
        code: "FD42",
        label: "présence de cordons non conformes",
        tickets: "C:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD43",
        label: "PTO mal ou non étiquetée",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U] (ARCEP #3/#4)",
    },
    Fault {
        code: "FD44",
        label: "raccordement de site non déployé dans IPE",
        tickets: "I:PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD45",
        label: "rebouchage non effectué",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD46",
        label: "reprise sauvage Route Optique par casse soudure au PBO",
        tickets: "I:PBO",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U] (neighbour outage)",
    },
    Fault {
        code: "FD47",
        label: "taille SMOOVE non conforme",
        tickets: "I:PBO",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD48",
        label: "tiroir OI dégradé",
        tickets: "C:aPM",
        severity: Severity::Major,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD49",
        label: "type de pose/fixation non conforme aux préconisations OI",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD50",
        label: "dégradation autres",
        tickets: "I:PM C:PM",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
    Fault {
        code: "FD51",
        label: "entrée cable pbo non conforme aux STAS",
        tickets: "I:CCF",
        severity: Severity::Minor,
        mark: Mark::Teaching,
        note: "[U]",
    },
];

/// The fault coded `code`, if the protocol has one.
pub fn fault(code: &str) -> Option<&'static Fault> {
    FAULTS.iter().find(|f| f.code == code)
}

/// The location coded `code`, if the protocol has one.
pub fn location(code: &str) -> Option<&'static Location> {
    LOCATIONS.iter().find(|l| l.code == code)
}

impl Severity {
    /// The severity as the relevé names it.
    pub fn name(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Severity::Critical => "defect-severity-critical",
            Severity::Major => "defect-severity-major",
            Severity::Minor => "defect-severity-minor",
            Severity::Info => "defect-severity-info",
        })
    }
}

/// A defect as an auditor files it against a connection: where it lies (an LD code) and
/// what it is (an FD code), both of the code lists above.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Defect {
    pub location: String,
    pub fault: String,
}

impl Defect {
    /// A defect of the code lists (both codes are the lists' own: a caller names them as
    /// written above).
    pub fn new(location: &str, fault: &str) -> Defect {
        Defect {
            location: location.to_string(),
            fault: fault.to_string(),
        }
    }

    /// Its fault's entry, where the list has the code (a stored grade's code always
    /// was one; a later list could drop it).
    pub fn fault(&self) -> Option<&'static Fault> {
        fault(&self.fault)
    }

    /// Its location's entry.
    pub fn location(&self) -> Option<&'static Location> {
        location(&self.location)
    }

    /// The defect as an auditor writes it: "FD29 lovage fibre non conforme aux STAS —
    /// LD07 CASSETTE (majeur)". The labels are the protocol's, in French in both
    /// languages (a code list's values).
    pub fn msg(&self) -> crate::i18n::Msg {
        crate::i18n::Msg::new("defect-filed").msg("ticket", self.ticket())
    }

    /// The ticket's words alone: "FD29 lovage fibre non conforme aux STAS — LD07
    /// CASSETTE (majeur)".
    pub fn ticket(&self) -> crate::i18n::Msg {
        let f = self.fault();
        crate::i18n::Msg::new("defect-ticket")
            .text("fault", self.fault.as_str())
            .text("label", f.map(|f| f.label).unwrap_or_default())
            .text("location", self.location.as_str())
            .text(
                "where",
                self.location().map(|l| l.value).unwrap_or_default(),
            )
            .msg(
                "severity",
                f.map(|f| f.severity.name())
                    .unwrap_or_else(|| crate::i18n::Msg::new("defect-severity-unknown")),
            )
    }
}
