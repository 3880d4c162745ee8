"""Write the curated records of the evaluation reports (tests/extraction/records/*.yaml).

The facts below are the curator's reading of each report in reports/; evidence
offsets are computed here from short anchor phrases so that they are exact.
Terms: the project ontology where it has the term, else a standard id
(HP, MONDO, DRUGBANK) as records allow; a comorbid disease is recorded with
its Mondo id, a sign or a test result with its HPO id.
Run: python tests/extraction/curate.py
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

HERE = Path(__file__).parent
HEADINGS = {
    "Abstract": "abstract",
    "Introduction": "introduction",
    "Case report": "case",
    "Discussion": "discussion",
    "Conclusion": "conclusion",
    "References": "references",
}


def sections(text: str) -> list[dict]:
    marks = [(m.start(), HEADINGS[m.group(1)]) for m in re.finditer(r"(?m)^## (\w[\w ]*)$", text) if m.group(1) in HEADINGS]
    kw = re.search(r"(?m)^\*\*Keywords:\*\*", text)
    marks.append((kw.start(), "keywords"))
    marks.sort()
    out = [{"name": "front_matter", "span": [0, marks[0][0]]}]
    for i, (start, name) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        out.append({"name": name, "span": [start, end]})
    return out


class Doc:
    def __init__(self, name: str) -> None:
        self.name = name
        self.text = (HERE / "reports" / f"{name}.txt").read_text(encoding="utf-8")
        self.sections = sections(self.text)

    def ev(self, *anchors: str) -> list[dict]:
        """Evidence for anchor phrases; 'phrase#2' is the second occurrence."""
        out = []
        for anchor in anchors:
            phrase, _, nth = anchor.partition("#")
            start = -1
            for _ in range(int(nth or 1)):
                start = self.text.index(phrase, start + 1)
            end = start + len(phrase)
            section = next(s["name"] for s in self.sections if s["span"][0] <= start < s["span"][1])
            out.append({"section": section, "span": [start, end]})
        return out

    def record(self, patient: dict, facts: list[dict], notes: list[str]) -> dict:
        title = re.match(r"# (.*)", self.text)
        return {
            "record": 1,
            "id": self.name,
            "report": {"file": f"{self.name}.txt", "sha256": hashlib.sha256(self.text.encode()).hexdigest(), "length": len(self.text)},
            "sections": self.sections,
            "publication": {
                "title": {"span": [title.start(1), title.end(1)]},
                "evidence": [{"section": "front_matter", "span": [title.start(1), title.end(1)]}],
                "note": "Written for the extraction tests; not a published report.",
            },
            "patient": patient,
            "facts": facts,
            "notes": notes,
        }


def F(id_: str, type_: str, ev: list[dict], **fields) -> dict:
    return {"id": id_, "type": type_, **fields, "evidence": ev}


def calciphylaxis() -> dict:
    d = Doc("calciphylaxis-dialysis")
    e = d.ev
    facts = [
        F(
            "dx-calcinosis",
            "diagnosis",
            e(
                "indurated violaceous plaques with a net-like pattern on the medial aspect of both thighs",
                "consistent with calciphylaxis",
                "painful violaceous plaques on both thighs",
            ),
            condition="CalcinosisCutis",
            subtype="Calciphylaxis",
            status="present",
            category="primary",
            sites=[{"site": "Thigh", "laterality": "bilateral"}],
            size={"dimensions": [12, 6], "unit": "cm"},
        ),
        F(
            "dx-esrd",
            "diagnosis",
            e("ESRD due to diabetic nephropathy", "end-stage renal disease (ESRD)"),
            condition="RenalFailure",
            status="present",
            category="comorbidity",
        ),
        F(
            "dx-diabetic-nephropathy",
            "diagnosis",
            e("ESRD due to diabetic nephropathy"),
            condition="MONDO:0005016",
            status="present",
            category="comorbidity",
        ),
        F("dx-t2dm", "diagnosis", e("type 2 diabetes mellitus"), condition="Type2DiabetesMellitus", status="present", category="comorbidity"),
        F(
            "proc-haemodialysis",
            "procedure",
            e("on haemodialysis three times weekly for four years"),
            procedure="Hemodialysis",
            status="performed",
            order=1,
        ),
        F(
            "dx-atrial-fibrillation",
            "diagnosis",
            e("warfarin for atrial fibrillation"),
            condition="MONDO:0004981",
            status="present",
            category="comorbidity",
        ),
        F(
            "drug-warfarin",
            "drug",
            e("had taken warfarin for atrial fibrillation, which had been stopped two months earlier"),
            drug="Warfarin",
            status="stopped",
            indication=["dx-atrial-fibrillation"],
        ),
        F(
            "find-pain",
            "finding",
            e("severe pain in both thighs"),
            finding="Pain",
            status="present",
            sites=[{"site": "Thigh", "laterality": "bilateral"}],
        ),
        F(
            "find-induration",
            "finding",
            e("indurated violaceous plaques"),
            finding="Induration",
            status="present",
            sites=[{"site": "Thigh", "laterality": "bilateral"}],
        ),
        F(
            "dx-ulcer",
            "diagnosis",
            e("two had ulcerated with black eschar", "progressed to ulcers"),
            condition="SkinUlcer",
            status="present",
            category="complication",
            sites=[{"site": "Thigh", "laterality": "bilateral"}],
        ),
        F("find-eschar", "finding", e("two had ulcerated with black eschar"), finding="HP:6000793", status="present"),
        F("find-fever-absent", "finding", e("There was no fever"), finding="HP:0001945", status="absent"),
        F("find-pus-absent", "finding", e("no purulent discharge"), finding="PurulentDischarge", status="absent"),
        F("test-phosphate", "test", e("elevated serum phosphate"), test="SerumPhosphorusTest", result="elevated"),
        F("test-calcium", "test", e("normal serum calcium"), test="SerumCalciumTest", result="normal"),
        F(
            "dx-hyperphosphatemia",
            "diagnosis",
            e("elevated serum phosphate", "control hyperphosphatemia"),
            condition="Hyperphosphatemia",
            status="present",
            category="comorbidity",
        ),
        F(
            "dx-cellulitis-possible",
            "diagnosis",
            e("Cellulitis was initially suspected"),
            condition="Cellulitis",
            status="possible",
            category="suspected",
        ),
        F("dx-sepsis-absent", "diagnosis", e("no evidence of sepsis"), condition="Sepsis", status="absent"),
        F(
            "test-skin-biopsy",
            "test",
            e("A skin biopsy showed calcification of small dermal arterioles with intimal hyperplasia, consistent with calciphylaxis"),
            test="SkinBiopsy",
            result="abnormal",
        ),
        F(
            "test-radiograph",
            "test",
            e("Plain radiographs of the thighs showed fine vascular calcification"),
            test="Radiograph",
            result="abnormal",
            sites=[{"site": "Thigh", "laterality": "bilateral"}],
        ),
        F(
            "find-vascular-calcification",
            "finding",
            e("calcification of small dermal arterioles", "fine vascular calcification in the soft tissues"),
            finding="HP:0004934",
            status="present",
            found_by=["test-skin-biopsy", "test-radiograph"],
        ),
        F(
            "drug-sts",
            "drug",
            e("intravenous sodium thiosulfate (STS) 25 g after each dialysis session", "the pain improved markedly"),
            drug="SodiumThiosulfate",
            status="given",
            route="intravenous",
            response="improved",
            response_for=["dx-calcinosis"],
        ),
        F(
            "drug-sevelamer",
            "drug",
            e("Sevelamer was added to control hyperphosphatemia"),
            drug="DRUGBANK:DB00658",
            status="given",
            indication=["dx-hyperphosphatemia"],
        ),
        F("dx-secondary-hpt", "diagnosis", e("secondary hyperparathyroidism"), condition="MONDO:0006964", status="present", category="comorbidity"),
        F(
            "drug-cinacalcet",
            "drug",
            e("cinacalcet was introduced for secondary hyperparathyroidism"),
            drug="DRUGBANK:DB01012",
            status="given",
            indication=["dx-secondary-hpt"],
        ),
        F("proc-debridement", "procedure", e("surgical debridement of the necrotic tissue"), procedure="Debridement", status="performed", order=2),
        F("proc-npwt", "procedure", e("negative pressure wound therapy"), procedure="NegativePressureWoundTherapy", status="performed", order=3),
    ]
    notes = [
        "Blood cultures (negative) have no ontology or standard term for the test; they are not recorded as a fact.",
        "Bisphosphonates, hyperbaric oxygen and parathyroidectomy are named in the discussion as options the patient did not receive.",
    ]
    return d.record(
        {"age": {"value": 61, "unit": "year", "evidence": e("61-year-old man#2")}, "sex": {"value": "male", "evidence": e("61-year-old man#2")}},
        facts,
        notes,
    )


def iatrogenic() -> dict:
    d = Doc("iatrogenic-extravasation")
    e = d.ev
    facts = [
        F(
            "dx-calcinosis",
            "diagnosis",
            e(
                "hard, chalky white plaque measuring 3 x 2 cm appeared on the dorsum of the left hand, extending to the distal forearm",
                "the calcinosis had resolved completely",
            ),
            condition="CalcinosisCutis",
            subtype="IatrogenicCalcinosisCutis",
            status="present",
            category="primary",
            sites=[{"site": "Hand", "laterality": "left"}, {"site": "Forearm", "laterality": "left"}],
            size={"dimensions": [3, 2], "unit": "cm"},
        ),
        F("find-premature-birth", "finding", e("born at 34 weeks of gestation"), finding="HP:0001622", status="present"),
        F("find-hypocalcaemia", "finding", e("treated in the neonatal unit for hypocalcaemia"), finding="HP:0002901", status="present"),
        F(
            "drug-calcium-gluconate",
            "drug",
            e("calcium gluconate given through a cannula in the left hand"),
            drug="CalciumGluconate",
            status="given",
            route="intravenous",
            indication=["find-hypocalcaemia"],
        ),
        F(
            "dx-extravasation",
            "diagnosis",
            e("extravasation of intravenous calcium gluconate"),
            condition="Extravasation",
            status="present",
            category="complication",
        ),
        F("find-swelling", "finding", e("swelling and erythema around the cannula"), finding="SoftTissueSwelling", status="present"),
        F("find-erythema", "finding", e("swelling and erythema around the cannula"), finding="Erythema", status="present"),
        F("find-warmth", "finding", e("The skin was warm"), finding="LocalWarmth", status="present"),
        F("find-fluctuance-absent", "finding", e("no fluctuance"), finding="Fluctuance", status="absent"),
        F("find-pus-absent", "finding", e("no purulent drainage"), finding="PurulentDischarge", status="absent"),
        F(
            "dx-osteomyelitis-possible",
            "diagnosis",
            e("Osteomyelitis was a concern"),
            condition="Osteomyelitis",
            status="possible",
            category="suspected",
        ),
        F(
            "dx-osteomyelitis-absent",
            "diagnosis",
            e("osteomyelitis was ruled out"),
            condition="Osteomyelitis",
            status="absent",
            found_by=["test-radiograph"],
        ),
        F(
            "test-radiograph",
            "test",
            e("a plain radiograph was obtained"),
            test="Radiograph",
            result="abnormal",
            sites=[{"site": "Hand", "laterality": "left"}],
        ),
        F(
            "find-calcification",
            "finding",
            e("amorphous soft tissue calcification"),
            finding="SoftTissueCalcification",
            status="present",
            found_by=["test-radiograph"],
        ),
        F(
            "find-periosteal-reaction-absent",
            "finding",
            e("without periosteal reaction"),
            finding="HP:0031485",
            status="absent",
            found_by=["test-radiograph"],
        ),
        F("test-calcium", "test", e("Serum calcium and serum phosphate were normal"), test="SerumCalciumTest", result="normal"),
        F("test-phosphate", "test", e("Serum calcium and serum phosphate were normal"), test="SerumPhosphorusTest", result="normal"),
        F("test-culture", "test", e("Wound culture of a small surface crust was negative"), test="WoundCulture", result="negative"),
        F("proc-conservative", "procedure", e("She was managed conservatively"), procedure="ConservativeManagement", status="performed", order=1),
        F("proc-wound-care", "procedure", e("gentle wound care and protective dressings"), procedure="WoundCare", status="performed", order=2),
    ]
    notes = ["Antibiotics were explicitly not given, so no drug fact is recorded for them."]
    return d.record(
        {"age": {"value": 3, "unit": "week", "evidence": e("3-week-old girl#2")}, "sex": {"value": "female", "evidence": e("3-week-old girl#2")}},
        facts,
        notes,
    )


def metastatic() -> dict:
    d = Doc("metastatic-ckd")
    e = d.ev
    facts = [
        F(
            "dx-calcinosis",
            "diagnosis",
            e(
                "firm, non-tender subcutaneous masses over the lateral aspect of both knees",
                "a 4 cm mass at the right elbow",
                "periarticular calcified masses around both knees and the right elbow",
            ),
            condition="CalcinosisCutis",
            subtype="MetastaticCalcinosisCutis",
            status="present",
            category="primary",
            sites=[{"site": "Knee", "laterality": "bilateral"}, {"site": "Elbow", "laterality": "right"}],
            size={"dimensions": [8, 5, 4], "unit": "cm"},
            note="Subtype from the title, keywords and the raised calcium-phosphate product.",
        ),
        F(
            "dx-ckd",
            "diagnosis",
            e("chronic renal insufficiency (CRI)", "CRI of unknown cause"),
            condition="ChronicKidneyDisease",
            status="present",
            category="comorbidity",
        ),
        F("dx-hypertension", "diagnosis", e("He had hypertension"), condition="MONDO:0005044", status="present", category="comorbidity"),
        F("find-pain-absent", "finding", e("painless lumps", "non-tender subcutaneous masses"), finding="Pain", status="absent"),
        F(
            "dx-actd-absent",
            "diagnosis",
            e("no history of connective tissue disease"),
            condition="AutoimmuneConnectiveTissueDisease",
            status="absent",
        ),
        F("dx-raynaud-absent", "diagnosis", e("denied Raynaud phenomenon"), condition="RaynaudPhenomenon", status="absent"),
        F(
            "find-masses",
            "finding",
            e("subcutaneous masses over the lateral aspect of both knees"),
            finding="SubcutaneousNodule",
            status="present",
            sites=[{"site": "Knee", "laterality": "bilateral"}],
        ),
        F(
            "find-reduced-mobility",
            "finding",
            e("reduced range of motion of the elbow"),
            finding="ReducedMobility",
            status="present",
            sites=[{"site": "Elbow", "laterality": "right"}],
        ),
        F("dx-ulcer-absent", "diagnosis", e("with no ulcer"), condition="SkinUlcer", status="absent"),
        F(
            "dx-hyperphosphatemia",
            "diagnosis",
            e("marked hyperphosphatemia"),
            condition="Hyperphosphatemia",
            status="present",
            category="comorbidity",
        ),
        F("dx-hypercalcemia", "diagnosis", e("an elevated serum calcium"), condition="Hypercalcemia", status="present", category="comorbidity"),
        F("test-calcium", "test", e("an elevated serum calcium"), test="SerumCalciumTest", result="elevated"),
        F("test-pth", "test", e("a raised parathyroid hormone level"), test="SerumParathyroidHormoneTest", result="elevated"),
        F(
            "test-radiograph",
            "test",
            e("Radiographs of the knees and elbow showed lobulated periarticular calcified masses"),
            test="Radiograph",
            result="abnormal",
            sites=[{"site": "Knee", "laterality": "bilateral"}, {"site": "Elbow", "laterality": "right"}],
        ),
        F(
            "test-ct",
            "test",
            e("computed tomography confirmed dense calcifications in the subcutaneous tissue"),
            test="ComputedTomography",
            result="abnormal",
        ),
        F("test-muscle-enzymes", "test", e("muscle enzymes were normal"), test="SerumMuscleEnzymeTest", result="normal"),
        F(
            "dx-dermatomyositis-absent",
            "diagnosis",
            e("Dermatomyositis was ruled out"),
            condition="Dermatomyositis",
            status="absent",
            found_by=["test-muscle-enzymes"],
        ),
        F("drug-cinacalcet", "drug", e("calcium-free phosphate binders and cinacalcet"), drug="DRUGBANK:DB01012", status="given"),
    ]
    notes = [
        "The calcium-free phosphate binders are not named, and renal transplantation (planned) has no ontology term; neither is recorded. "
        "Surgical excision was not required and is not recorded."
    ]
    return d.record(
        {"age": {"value": 58, "unit": "year", "evidence": e("58-year-old man#2")}, "sex": {"value": "male", "evidence": e("58-year-old man#2")}},
        facts,
        notes,
    )


def idiopathic() -> dict:
    d = Doc("idiopathic-fingers")
    e = d.ev
    facts = [
        F(
            "dx-calcinosis",
            "diagnosis",
            e(
                "two painful firm nodules on the palmar aspect of the right index and middle fingers",
                "painful chalky nodules on two fingers of the right hand",
            ),
            condition="CalcinosisCutis",
            subtype="IdiopathicCalcinosisCutis",
            status="present",
            category="primary",
            sites=[{"site": "Finger", "laterality": "right"}],
            size={"dimensions": [9], "unit": "mm"},
            note="Two nodules, 6 mm and 9 mm; the larger is recorded.",
        ),
        F("find-pain", "finding", e("two painful firm nodules"), finding="Pain", status="present", sites=[{"site": "Finger", "laterality": "right"}]),
        F("find-drainage", "finding", e("intermittent discharge of chalky material"), finding="WoundDrainage", status="present"),
        F("dx-injury-absent", "diagnosis", e("She recalled no trauma, injections or infusions"), condition="MONDO:0021178", status="absent"),
        F("dx-raynaud-absent", "diagnosis", e("no Raynaud phenomenon"), condition="RaynaudPhenomenon", status="absent"),
        F("find-skin-thickening-absent", "finding", e("no skin thickening"), finding="SkinThickening", status="absent"),
        F("dx-telangiectasia-absent", "diagnosis", e("no telangiectasia"), condition="Telangiectasia", status="absent"),
        F(
            "test-calcium",
            "test",
            e("Serum calcium, serum phosphate, renal function and parathyroid hormone were normal"),
            test="SerumCalciumTest",
            result="normal",
        ),
        F(
            "test-phosphate",
            "test",
            e("Serum calcium, serum phosphate, renal function and parathyroid hormone were normal"),
            test="SerumPhosphorusTest",
            result="normal",
        ),
        F(
            "test-pth",
            "test",
            e("Serum calcium, serum phosphate, renal function and parathyroid hormone were normal"),
            test="SerumParathyroidHormoneTest",
            result="normal",
        ),
        F("test-ana", "test", e("Antinuclear antibodies were negative"), test="AntinuclearAntibodyTest", result="negative"),
        F("dx-ssc-absent", "diagnosis", e("no evidence of systemic sclerosis"), condition="SystemicSclerosis", status="absent"),
        F(
            "dx-sle-absent",
            "diagnosis",
            e("no evidence of systemic sclerosis or systemic lupus erythematosus (SLE)"),
            condition="SystemicLupusErythematosus",
            status="absent",
        ),
        F(
            "test-radiograph",
            "test",
            e("A plain radiograph of the right hand showed small well-defined calcified deposits"),
            test="Radiograph",
            result="abnormal",
            sites=[{"site": "Hand", "laterality": "right"}],
        ),
        F(
            "find-calcification",
            "finding",
            e("calcified deposits in the soft tissue of both fingers"),
            finding="SoftTissueCalcification",
            status="present",
            found_by=["test-radiograph"],
        ),
        F(
            "proc-excision",
            "procedure",
            e("Both nodules were removed by surgical excision"),
            procedure="SurgicalExcision",
            status="performed",
            order=1,
            sites=[{"site": "Finger", "laterality": "right"}],
            outcome="resolved",
        ),
        F("proc-closure", "procedure", e("the wounds were closed primarily"), procedure="PrimaryClosure", status="performed", order=2),
        F(
            "test-histology",
            "test",
            e("Histology showed dermal calcium deposits without inflammation or vascular changes"),
            test="HistopathologicExamination",
            result="abnormal",
        ),
    ]
    notes = ["Renal function (normal) names no single test; it is not recorded."]
    return d.record(
        {
            "age": {"value": 27, "unit": "year", "evidence": e("27-year-old woman#2")},
            "sex": {"value": "female", "evidence": e("27-year-old woman#2")},
        },
        facts,
        notes,
    )


def jdm() -> dict:
    d = Doc("jdm-calcinosis")
    e = d.ev
    facts = [
        F(
            "dx-calcinosis",
            "diagnosis",
            e("hard subcutaneous nodules over both elbows and the right knee", "calcinosis of the elbows and knees"),
            condition="CalcinosisCutis",
            subtype="DystrophicCalcinosisCutis",
            status="present",
            category="primary",
            sites=[{"site": "Elbow", "laterality": "bilateral"}, {"site": "Knee", "laterality": "right"}],
            size={"dimensions": [3, 2, 1], "unit": "cm"},
            note="Subtype not named for this patient; dystrophic is the usual subtype in juvenile dermatomyositis (introduction).",
        ),
        F(
            "dx-jdm",
            "diagnosis",
            e("juvenile dermatomyositis (JDMS)", "diagnosed with JDMS at the age of 5"),
            condition="JuvenileDermatomyositis",
            status="present",
            category="comorbidity",
        ),
        F("find-proximal-weakness", "finding", e("proximal muscle weakness", "mild proximal weakness"), finding="HP:0003701", status="present"),
        F("find-heliotrope-rash", "finding", e("a heliotrope rash"), finding="HP:0040324", status="historical"),
        F("find-gottron", "finding", e("Examination showed Gottron papules"), finding="HP:0025508", status="present"),
        F("drug-prednisolone", "drug", e("oral prednisolone"), drug="DRUGBANK:DB00860", status="given", route="oral"),
        F(
            "drug-mtx",
            "drug",
            e("weekly methotrexate, which was continued", "progressed despite methotrexate"),
            drug="Methotrexate",
            status="continued",
            response="refractory",
            response_for=["dx-calcinosis"],
        ),
        F(
            "find-nodules",
            "finding",
            e("hard subcutaneous nodules over both elbows and the right knee"),
            finding="SubcutaneousNodule",
            status="present",
            sites=[{"site": "Elbow", "laterality": "bilateral"}, {"site": "Knee", "laterality": "right"}],
        ),
        F(
            "dx-ulcer",
            "diagnosis",
            e("some of which ulcerated", "the ulcers had healed"),
            condition="SkinUlcer",
            status="present",
            category="complication",
        ),
        F("find-skin-thickening-absent", "finding", e("no skin thickening"), finding="SkinThickening", status="absent"),
        F(
            "dx-ssc-possible",
            "diagnosis",
            e("A possible overlap with systemic sclerosis was considered"),
            condition="SystemicSclerosis",
            status="possible",
            category="suspected",
        ),
        F("test-scleroderma-antibodies", "test", e("scleroderma antibodies were negative"), test="AutoantibodyTest", result="negative"),
        F("test-calcium", "test", e("Serum calcium and serum phosphate were normal"), test="SerumCalciumTest", result="normal"),
        F("test-phosphate", "test", e("Serum calcium and serum phosphate were normal"), test="SerumPhosphorusTest", result="normal"),
        F(
            "test-hrct",
            "test",
            e("High-resolution computed tomography of the chest showed no interstitial lung disease"),
            test="HighResolutionComputedTomography",
            result="normal",
        ),
        F(
            "dx-ild-absent",
            "diagnosis",
            e("no interstitial lung disease"),
            condition="InterstitialLungDisease",
            status="absent",
            found_by=["test-hrct"],
        ),
        F("test-radiograph", "test", e("Radiographs of the elbows and knees showed sheet-like calcifications"), test="Radiograph", result="abnormal"),
        F(
            "find-calcification",
            "finding",
            e("sheet-like calcifications in the subcutaneous tissue"),
            finding="SoftTissueCalcification",
            status="present",
            found_by=["test-radiograph"],
        ),
        F(
            "drug-ivig",
            "drug",
            e("Monthly intravenous immunoglobulin was started", "After twelve months of IVIG the nodules had become smaller and softer"),
            drug="IntravenousImmunoglobulin",
            status="given",
            route="intravenous",
            response="improved",
            response_for=["dx-calcinosis"],
        ),
        F("drug-hcq", "drug", e("hydroxychloroquine was added"), drug="DRUGBANK:DB01611", status="given"),
        F(
            "dx-wound-infection",
            "diagnosis",
            e("developed an infected ulcer"),
            condition="WoundInfection",
            status="present",
            category="complication",
            sites=[{"site": "Knee", "laterality": "right"}],
        ),
        F(
            "proc-id",
            "procedure",
            e("incision and drainage"),
            procedure="IncisionAndDrainage",
            status="performed",
            order=1,
            indication=["dx-wound-infection"],
        ),
        F("drug-antibiotic", "drug", e("oral antibiotics"), drug="Antibiotic", status="given", route="oral", indication=["dx-wound-infection"]),
        F("test-culture", "test", e("wound culture grew Staphylococcus aureus"), test="WoundCulture", result="positive"),
        F("org-saureus", "organism", e("Staphylococcus aureus"), organism="StaphylococcusAureus", status="present", found_by=["test-culture"]),
    ]
    notes = ["Hypothyroidism is the mother's, not the patient's; it is not recorded."]
    return d.record(
        {"age": {"value": 8, "unit": "year", "evidence": e("8-year-old girl#2")}, "sex": {"value": "female", "evidence": e("8-year-old girl#2")}},
        facts,
        notes,
    )


def main() -> None:
    for build in (calciphylaxis, iatrogenic, metastatic, idiopathic, jdm):
        record = build()
        path = HERE / "records" / f"{record['id']}.yaml"
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
