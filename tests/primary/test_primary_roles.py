"""The compound that induces the model, the roles it gives the groups, and the animals'
strain and sex, on invented methods written the ways papers write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.annotate import annotate
from extractors.document import make_doc_id
from extractors.primary.animals import animals
from extractors.primary.groups import text_to_groups
from extractors.primary.roles import inducer_names, names_inducer
from extractors.readers import read_document

INDUCED_BY_NAME = """Resveratrol against doxorubicin-induced cardiomyopathy in rats

Abstract
Doxorubicin-induced cardiomyopathy limits chemotherapy.

Materials and methods
Animals. Male CD rats (Charles River) weighing 200-250 g were housed in standard cages and acclimatized for one week.

Cardiomyopathy was induced by doxorubicin (2.5 mg/kg, i.p.) given six times over two weeks.
Rats were randomly divided into four groups (n = 8 per group): saline, resveratrol (20 mg/kg), doxorubicin and doxorubicin plus resveratrol (20 mg/kg).
"""


def _annotated(text: str, tmp_path: Path, name: str = "paper.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return annotate(read_document(path.read_bytes(), doc_id=make_doc_id(name), source_path=str(path)))


def test_the_inducer_named_with_the_model_decides_the_roles(tmp_path: Path) -> None:
    annotated = _annotated(INDUCED_BY_NAME, tmp_path)
    assert "doxorubicin" in inducer_names(annotated)
    groups, _ = text_to_groups(annotated)
    got = {g.label: (g.role, g.fields.get("compound"), g.fields.get("dose_value")) for g in groups}
    # Without the inducer: no disease (the vehicle is the sham, the test drug alone is drug_only).
    assert got["saline"][0] == "sham"
    assert got["resveratrol"][:2] == ("drug_only", "resveratrol")
    # The inducer alone is the model control, with no compound and no dose of its own.
    assert got["doxorubicin"] == ("model_control", None, None)
    # The inducer plus the test drug: the test drug is the compound, with its own dose.
    label = next(lab for lab in got if "plus" in lab)
    assert got[label] == ("treatment", "resveratrol", 20.0)


def test_the_strain_between_sex_and_species_and_sex_beside_a_strain(tmp_path: Path) -> None:
    info = animals(_annotated(INDUCED_BY_NAME, tmp_path), None)
    assert info["strain"] == "CD" and info["sex"] == "male"
    # A column break can leave the sex beside the strain without the species word.
    text = "Methods\n\nTo induce neuropathy 180-g female Wistar i.p.\n\nThe animals were housed in cages."
    info = animals(_annotated(text, tmp_path, "b.txt"), None)
    assert info["sex"] == "female" and info["strain"] == "Wistar"


@pytest.mark.parametrize(
    "sentence",
    [
        "Diabetes was induced with a single intraperitoneal injection of alloxan (150 mg/kg). Alloxan-induced diabetes was confirmed after 72 h.",
        "The colitis model was established by injecting DSS in drinking water. DSS-induced colitis developed within a week.",
        "Neuropathy induced by paclitaxel develops over days. Paclitaxel was used to induce neuropathy in all rats.",
    ],
)
def test_inducers_in_the_forms_papers_name_them(sentence: str, tmp_path: Path) -> None:
    names = inducer_names(_annotated("Methods\n\n" + sentence, tmp_path))
    assert names and any(n in sentence.lower() for n in names)


def test_stress_or_a_drug_named_once_is_no_inducer(tmp_path: Path) -> None:
    text = "Methods\n\nOxidative stress-induced damage and stress-induced apoptosis were measured. Aspirin-induced bleeding was rare."
    assert inducer_names(_annotated(text, tmp_path)) == set()


def test_names_inducer_matches_whole_words_only() -> None:
    assert names_inducer("STZ + metformin", {"stz"})
    assert not names_inducer("non-STZ rats", {"stz"}) or names_inducer("STZ", {"stz"})
    assert not names_inducer("cisplatinum", {"cisplatin"})


LEGENDS_ONLY = """Curcumin prevents vincristine-induced neuropathy in mice

Methods
Animals. The experiments were performed with female Balb/c mice (20-25 g) housed in standard cages.
Vincristine-induced neuropathy: protocol. Vincristine was injected intraperitoneally at 0.1 mg/kg on five consecutive days.
To test curcumin, the mice received an oral dose of vehicle (10 mL/kg), curcumin (10, 30 and 100 mg/kg) or gabapentin (50 mg/kg) 1 h before every vincristine injection.

Results
Figure 1 Vincristine-induced allodynia. Von Frey threshold of control (V, saline, n = 10) and treated (vincristine 0.05 mg/kg and 0.1 mg/kg, n = 10) mice.
Figure 2 Curcumin and gabapentin against vincristine-induced allodynia. The vehicle group received water instead of curcumin. Values are the mean ± SEM of eight animals.
Figure 3 Spinal cord sections. (A) Naive animals; (B) Vincristine plus vehicle; (C) Vincristine plus curcumin (30 mg/kg); (D) Vincristine plus gabapentin (50 mg/kg).
"""


def test_groups_of_a_paper_that_names_them_only_in_legends_and_its_dosing_sentence(tmp_path: Path) -> None:
    groups, _ = text_to_groups(_annotated(LEGENDS_ONLY, tmp_path))
    got = {
        g.label: (g.role, g.fields.get("compound"), g.fields.get("dose_value"), g.fields.get("n"))
        for g in groups
    }
    # The legend's groups in parentheses, one per dose of the inducer, with their own n.
    assert got["V"] == ("sham", None, None, 10)
    assert got["vincristine 0.05 mg/kg"] == ("model_control", None, None, 10)
    # The dosing sentence's alternatives, one per dose; the legend naming them gives n.
    assert got["curcumin 10"] == ("treatment", "curcumin", 10.0, 8)
    # A lettered panel names a group: it gives the label (same compound and dose, or vehicle).
    assert got["Vincristine plus curcumin (30 mg/kg)"][:3] == ("treatment", "curcumin", 30.0)
    assert got["Vincristine plus vehicle"][:2] == ("model_control", None)
    # A control panel that names no dosed group is a group of its own, with no n.
    assert got["Naive animals"] == ("naive", None, None, None)


def test_results_values_named_by_dose_or_as_a_control(tmp_path: Path) -> None:
    from extractors.primary.outcome_text import dose_group
    from extractors.primary.values import find_values

    groups, _ = text_to_groups(_annotated(LEGENDS_ONLY, tmp_path))
    label = {i: g.label for i, g in enumerate(groups)}

    def group_of(sentence: str, paragraph: str = "") -> list[str | None]:
        return [
            label.get(dose_group(sentence, v.start, v.end, groups, paragraph))  # type: ignore[arg-type]
            for v in find_values(sentence)
        ]

    # The inducer's dose inside the value's parenthesis; the control of a sentence naming no test drug is the sham.
    assert group_of(
        "The threshold fell (3.1 ± 0.4, 0.1 mg/kg) when compared with the control group (7.9 ± 0.5)."
    ) == ["vincristine 0.1 mg/kg", "V"]
    # A test drug's dose before the value; the control of a sentence naming it is the model's vehicle control.
    assert group_of(
        "Curcumin was most effective at a dose of 30 mg/kg on day 7 (6.8 ± 0.3) versus the vincristine control group (3.3 ± 0.2)."
    ) == ["Vincristine plus curcumin (30 mg/kg)", "Vincristine plus vehicle"]
    # The paragraph names the drug when the sentence does not.
    assert group_of("It differed from the control group (3.0 ± 0.2).", "Curcumin prevented the fall.") == [
        "Vincristine plus vehicle"
    ]
    # A dose no group has is no group.
    assert group_of("Curcumin at a dose of 300 mg/kg (5.0 ± 0.1) was toxic.") == [None]


def test_a_compound_named_after_its_dose(tmp_path: Path) -> None:
    text = (
        "Methods\n\nMale Wistar rats were housed in cages. Rats were randomly divided into three groups (n = 6): "
        "(1) normal control rats received citrate buffer; (2) diabetic control rats received distilled water; "
        "(3) diabetic rats received 4 IU/kg body weight of insulin subcutaneously.\n"
    )
    groups, _ = text_to_groups(_annotated(text, tmp_path))
    assert [g.fields.get("compound") for g in groups] == [None, None, "insulin"]
    assert groups[2].fields.get("route") == "subcutaneous"


def test_a_group_naming_its_disease_another_way_keeps_it(tmp_path: Path) -> None:
    text = INDUCED_BY_NAME.replace(
        "saline, resveratrol (20 mg/kg), doxorubicin and doxorubicin plus resveratrol (20 mg/kg)",
        "normal, cardiomyopathic model control, doxorubicin and doxorubicin plus resveratrol (20 mg/kg)",
    )
    groups, _ = text_to_groups(_annotated(text, tmp_path))
    roles = {g.label: g.role for g in groups}
    assert roles["normal"] == "sham"
    assert roles["cardiomyopathic model control"] == "model_control"


def test_a_drug_named_for_its_effects_is_no_inducer(tmp_path: Path) -> None:
    text = (
        "Methods\n\nPropofol-induced neuroprotection and propofol-induced reduction of infarcts were described. "
        "Male Wistar rats were housed in cages. Rats were randomly divided into two groups (n = 8 per group): "
        "vehicle and propofol (50 mg/kg).\n"
    )
    annotated = _annotated(text, tmp_path)
    assert inducer_names(annotated) == set()
    groups, _ = text_to_groups(annotated)
    assert [(g.role, g.fields.get("compound")) for g in groups] == [
        ("model_control", None),
        ("treatment", "propofol"),
    ]


def test_the_unit_of_a_value_from_the_legend_of_the_figure_it_cites() -> None:
    from dataclasses import dataclass

    from extractors.primary.outcome_text import legend_unit

    @dataclass
    class S:
        text: str
        block: int

    sents = [
        S("Figure 4 Latency to fall on the rotarod.", 1),
        S("Bars are the mean ± SEM of the time on the rod in seconds (s) of eight rats.", 1),
        S("Figure 5 Grip strength and paw volume.", 2),
        S(
            "Values are mean ± SD of grip force (g) for the forelimbs (panel A) and paw volume (ml) for the hind paw (panel B).",
            2,
        ),
        S("Figure 5B shows the swelling.", 3),
        S("The drug reduced it (0.9 ± 0.1) versus the vehicle (1.4 ± 0.2).", 3),
        S("Rats stayed longer on the rod (88 ± 9, Figure 4) than controls.", 4),
        S("No figure is cited here (3.0 ± 0.4).", 5),
    ]
    assert legend_unit(sents, 6, sents[6].text.index(",")) == "s"  # type: ignore[arg-type]
    assert legend_unit(sents, 5, 20) == "ml"  # type: ignore[arg-type]  # the panel of the sentence before
    assert legend_unit(sents, 7, 10) is None  # type: ignore[arg-type]
