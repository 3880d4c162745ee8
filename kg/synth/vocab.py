"""What synthetic cases are made of: ontology terms by clinical role, and made-up names.

Roles name candidate terms by their local names; :meth:`Vocabulary.from_terms`
keeps those the ontology has in the right branch and adds what the ontology
itself groups (the subtypes of calcinosis cutis, organisms, antibiotics,
laboratory and imaging tests). Everything is sorted so that generation does not
depend on set or hash order.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import OntologyError
from kg.namespaces import CCK
from kg.ontology.terms import TermIndex

__all__ = ["TermChoice", "Vocabulary", "FIRST_NAMES", "SURNAMES", "JOURNALS", "CITIES", "DEPARTMENTS"]


@dataclass(frozen=True)
class TermChoice:
    """An ontology term as the generator uses it: local name and label."""

    name: str
    label: str


_ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    # role: (branch, candidate local names)
    "autoimmune": (
        "Condition",
        (
            "SystemicSclerosis",
            "DiffuseCutaneousSystemicSclerosis",
            "LimitedCutaneousSystemicSclerosis",
            "Dermatomyositis",
            "SystemicLupusErythematosus",
            "MixedConnectiveTissueDisease",
            "LupusPanniculitis",
            "Polymyositis",
        ),
    ),
    "juvenile": ("Condition", ("JuvenileDermatomyositis", "JuvenileSystemicSclerosis")),
    "renal": ("Condition", ("ChronicKidneyDisease", "RenalFailure", "KidneyDisease")),
    "mineral": ("Condition", ("Hypercalcemia", "Hyperphosphatemia")),
    "comorbidity": (
        "Condition",
        (
            "RaynaudPhenomenon",
            "Sclerodactyly",
            "Telangiectasia",
            "EsophagealDysmotility",
            "DigitalUlcer",
            "Type2DiabetesMellitus",
            "RheumatoidArthritis",
            "AcroOsteolysis",
            "Ankylosis",
            "BonyAnkylosis",
            "Malnutrition",
            "PressureUlcer",
            "OralUlcer",
            "Anemia",
        ),
    ),
    "lung": ("Condition", ("InterstitialLungDisease",)),
    "valve": ("Condition", ("MitralValveProlapse", "MitralRegurgitation")),
    "infection": ("Condition", ("WoundInfection", "Cellulitis", "Infection")),
    "sepsis": ("Condition", ("Sepsis",)),
    "suspected": ("Condition", ("DeepVeinThrombosis", "ArterialOcclusion", "Osteomyelitis", "Fracture", "JointDislocation")),
    "extravasation": ("Condition", ("Extravasation",)),
    "ulcer": ("Condition", ("SkinUlcer", "Ulcer")),
    "sign": (
        "ClinicalFinding",
        (
            "Erythema",
            "LocalWarmth",
            "Induration",
            "SoftTissueSwelling",
            "SubcutaneousNodule",
            "SkinThickening",
            "WoundDrainage",
            "PurulentDischarge",
            "Fluctuance",
            "SubcutaneousCrepitus",
            "Disfigurement",
            "ReducedMobility",
            "DigitalPittingScar",
            "Microstomia",
            "Thinness",
        ),
    ),
    "absent_sign": ("ClinicalFinding", ("Fluctuance", "PurulentDischarge", "SubcutaneousCrepitus", "LocalWarmth", "Erythema")),
    "antibody": ("ClinicalFinding", ("AntiCentromereAntibodyPositive", "AntiPMSclAntibodyPositive")),
    "pain": ("ClinicalFinding", ("Pain",)),
    "stable": ("ClinicalFinding", ("HemodynamicStability",)),
    "pulse": ("ClinicalFinding", ("DetectablePulse",)),
    "calcification": ("ClinicalFinding", ("SoftTissueCalcification",)),
    "skin_site": (
        "AnatomicSite",
        (
            "Arm",
            "Chin",
            "Elbow",
            "Face",
            "Finger",
            "FingerTip",
            "Foot",
            "Forearm",
            "GlutealRegion",
            "Hand",
            "Knee",
            "LowerLeg",
            "NasalSill",
            "PoplitealFossa",
            "PosteriorThigh",
            "SacralRegion",
            "Thigh",
            "Trunk",
            "Thorax",
            "IschialTuberosity",
            "Nose",
        ),
    ),
    "paired_site": (
        "AnatomicSite",
        (
            "Arm",
            "Elbow",
            "Finger",
            "FingerTip",
            "Foot",
            "Forearm",
            "GlutealRegion",
            "Hand",
            "Knee",
            "LowerLeg",
            "PoplitealFossa",
            "PosteriorThigh",
            "Thigh",
            "IschialTuberosity",
            "UpperLimb",
            "LowerLimb",
            "Chin",
        ),
    ),
    "artery": ("AnatomicSite", ("DorsalisPedisArtery", "PosteriorTibialArtery")),
    "lab": (
        "DiagnosticProcedure",
        (
            "CompleteBloodCount",
            "SerumCalciumTest",
            "SerumPhosphorusTest",
            "ProcalcitoninTest",
            "DDimerTest",
            "TroponinTest",
        ),
    ),
    "imaging": (
        "DiagnosticProcedure",
        (
            "Radiograph",
            "ComputedTomography",
            "MagneticResonanceImaging",
            "Ultrasound",
        ),
    ),
    "vascular_imaging": ("DiagnosticProcedure", ("DuplexUltrasound", "DopplerUltrasound")),
    "calcinosis_drug": (
        "Drug",
        (
            "SodiumThiosulfate",
            "Bisphosphonate",
            "Diltiazem",
            "Colchicine",
            "Minocycline",
            "Probenecid",
            "AluminiumHydroxide",
            "IntravenousImmunoglobulin",
            "Infliximab",
            "Warfarin",
            "CalciumChannelBlocker",
        ),
    ),
    "immunosuppressant": ("Drug", ("Methotrexate", "MycophenolateMofetil", "Rituximab", "Corticosteroid", "Infliximab")),
    "analgesic": ("Drug", ("Paracetamol", "Opioid", "NonsteroidalAntiInflammatoryDrug", "Analgesic")),
    "anticoagulant": ("Drug", ("Heparin", "Warfarin", "Anticoagulant")),
    "topical": ("Drug", ("ZincOxide", "SodiumThiosulfate")),
    "operation": ("Procedure", ("SurgicalExcision", "Debridement", "Curettage", "IncisionAndDrainage")),
    "closure": ("Procedure", ("PrimaryClosure", "SkinGraft", "FlapReconstruction", "LimbergFlap")),
    "wound_care": ("Procedure", ("WoundIrrigation", "WoundPacking")),
    "dressing": ("Procedure", ("WetToDryDressing", "WoundCare", "NegativePressureWoundTherapy")),
    "alternative": ("Procedure", ("ExtracorporealShockWaveLithotripsy", "CarbonDioxideLaserTherapy")),
    "line": ("Procedure", ("PICCLinePlacement", "CentralVenousCatheterPlacement")),
}

_BY_NAME = (
    "PhysicalExamination",
    "WoundCulture",
    "Echocardiography",
    "HighResolutionComputedTomography",
    "Spirometry",
    "PulmonaryFunctionTest",
    "SpecialistConsultation",
    "NegativePressureWoundTherapy",
    "SutureRemoval",
    "WetToDryDressing",
    "CalciumGluconate",
    "ProkineticAgent",
    "Itopride",
    "CalcinosisCutis",
    "SoftTissue",
    "Skin",
    "SubcutaneousTissue",
    "ImagingProcedure",
    "DuplexUltrasound",
    "DopplerUltrasound",
    "MagneticResonanceImaging",
    "Radiograph",
    "ComputedTomography",
    "Ultrasound",
    "SurgicalExcision",
    "AutoimmuneConnectiveTissueDisease",
    "KidneyDisease",
    "SubcutaneousNodule",
    "Pain",
    "SkinUlcer",
    "Infection",
    "ReducedMobility",
    "SerumCalciumTest",
    "SerumPhosphorusTest",
    "Hand",
    "Drug",
    "Antibiotic",
    "Immunosuppressant",
    "Lung",
    "Heparin",
)
"""Single terms the story names directly; looked up by name and required."""


@dataclass(frozen=True)
class Vocabulary:
    """Terms by role, each role a sorted tuple of choices."""

    roles: dict[str, tuple[TermChoice, ...]]
    named: dict[str, TermChoice]

    def __getitem__(self, role: str) -> tuple[TermChoice, ...]:
        return self.roles[role]

    def term(self, name: str) -> TermChoice:
        return self.named[name]

    @classmethod
    def from_terms(cls, terms: TermIndex) -> Vocabulary:
        """Keep the candidates the ontology has, in their branch; add the ontology's own groups."""

        def choice(name: str) -> TermChoice:
            term = terms.resolve(name)
            assert term is not None
            return TermChoice(name, term.label or name)

        roles: dict[str, tuple[TermChoice, ...]] = {}
        for role, (branch, names) in _ROLES.items():
            roles[role] = tuple(choice(n) for n in names if terms.in_branch(n, branch))
        roles["subtype"] = _descendants(terms, "CalcinosisCutis")
        roles["organism"] = _descendants(terms, "Organism")
        roles["antibiotic"] = tuple(c for c in _descendants(terms, "Antibiotic") if c.name not in {"Cephalosporin", "TetracyclineAntibiotic"})
        empty = sorted(role for role, values in roles.items() if not values)
        if empty:
            raise OntologyError(f"the ontology has no terms for the synthetic roles: {', '.join(empty)}")
        missing = [name for name in _BY_NAME if terms.resolve(name) is None]
        if missing:
            raise OntologyError(f"the ontology lacks terms the synthetic cases need: {', '.join(missing)}")
        return cls(roles, {name: choice(name) for name in _BY_NAME})


def _descendants(terms: TermIndex, root: str) -> tuple[TermChoice, ...]:
    """Named subclasses of a root (not the root itself), sorted by local name."""
    found = [t for t in terms.terms.values() if CCK[root] in t.ancestors and str(t.iri).startswith(str(CCK))]
    return tuple(sorted((TermChoice(t.local_name, t.label or t.local_name) for t in found), key=lambda c: c.name))


FIRST_NAMES: tuple[str, ...] = (
    "Amara",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kavya",
    "Lukas",
    "Maren",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sanjay",
    "Tamsin",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
    "Zoltan",
    "Aiko",
    "Bashir",
    "Carmen",
    "Dario",
    "Esther",
    "Felix",
    "Gulnara",
    "Henrik",
    "Ilse",
    "Jamal",
)
SURNAMES: tuple[str, ...] = (
    "Abernathy",
    "Bakshi",
    "Castellano",
    "Dorfmann",
    "Eriksen",
    "Fontaine",
    "Ghosh",
    "Halvorsen",
    "Ibarra",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Moretti",
    "Nakagawa",
    "Okonkwo",
    "Petrescu",
    "Quiroga",
    "Rahimi",
    "Sorensen",
    "Takahashi",
    "Umarov",
    "Vasquez",
    "Wojcik",
    "Xenakis",
    "Yilmaz",
    "Zielinski",
    "Achterberg",
    "Brannigan",
    "Cervantes",
    "Delacroix",
    "Esposito",
    "Fairweather",
    "Grunewald",
    "Hakimi",
    "Iversen",
)
JOURNALS: tuple[str, ...] = (
    "Synthetic Reports in Dermatology",
    "Journal of Simulated Clinical Cases",
    "Case Studies in Skin Disease",
    "Annals of Generated Medicine",
    "Open Journal of Soft Tissue Disorders",
    "Clinical Vignettes in Rheumatology",
    "Reports in Plastic and Wound Surgery",
    "Test Corpus Medical Journal",
)
CITIES: tuple[str, ...] = ("Arendal", "Brixen", "Coimbra", "Dunedin", "Esbjerg", "Fulda", "Gdynia", "Harstad", "Izmir", "Jyvaskyla")
DEPARTMENTS: tuple[str, ...] = (
    "Department of Dermatology",
    "Department of Plastic Surgery",
    "Division of Rheumatology",
    "Department of General Surgery",
    "Department of Internal Medicine",
)
