"""Normalisation keeps meaning and the way back to the original text."""

from hypothesis import given
from hypothesis import strategies as st

from extractors.markup import markdown_inline_to_text
from extractors.normalise import MappedText, normalise, normalise_text


def test_latex_greek_becomes_unicode_and_maps_back():
    original = "expression of IL-6, IFN- $\\gamma$ , TNF, and IFN- $\\alpha$ .[14]"
    mt = normalise(MappedText.identity(original))
    assert mt.text == "expression of IL-6, IFN-γ, TNF, and IFN-α.[14]"
    i = mt.text.index("IFN-γ")
    start, end = mt.original_span(i, i + len("IFN-γ"))
    assert original[start:end] == "IFN- $\\gamma$"


def test_entities_soft_hyphens_and_nfc():
    assert normalise_text("TNF&#945; &amp; IL\u00ad6") == "TNFα & IL6"
    assert normalise_text("cafe\u0301") == "café"


def test_markdown_inline_markup_is_removed_with_offsets():
    original = '**Baricitinib** for eight weeks.[\\[7\\]](#)[\\[8\\]](#) <a href="#">[9]</a>'
    mt = markdown_inline_to_text(MappedText.identity(original))
    assert mt.text == "Baricitinib for eight weeks.[7][8] [9]"
    i = mt.text.index("Baricitinib")
    start, end = mt.original_span(i, i + 11)
    assert original[start:end] == "Baricitinib"


def test_script_elements_never_become_text():
    mt = markdown_inline_to_text(MappedText.identity("Safe <script>alert('x')</script>text"))
    assert mt.text == "Safe text"


@given(st.text(alphabet=st.sampled_from(list("ab -$\\gamma*[]()#&;\u00ad\t\nIFN7é")), max_size=80))
def test_offsets_stay_within_the_original_and_ordered(text):
    mt = markdown_inline_to_text(MappedText.identity(text))
    assert len(mt.offsets) == len(mt.text) + 1 and len(mt.ends) == len(mt.text)
    assert all(0 <= o <= len(text) for o in mt.offsets + mt.ends)
    assert mt.offsets == sorted(mt.offsets)
    assert all(s < e for s, e in zip(mt.offsets, mt.ends, strict=False))
