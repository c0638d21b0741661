"""The living review: a run record says how each pooled estimate moved."""

from __future__ import annotations

import pandas as pd

from litcurate.meta.living import moves, pooled_figures


def _effects(*rows: tuple[str, float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "record_id": rid,
                "doc_id": f"d{rid}",
                "outcome": "infarct volume",
                "compound": "X",
                "measure": "SMD",
                "value": v,
                "se": se,
                "n_treatment": 8,
                "n_control": 8,
            }
            for rid, v, se in rows
        ]
    )


def test_a_new_comparison_moves_the_estimate_and_is_listed() -> None:
    before = pooled_figures(_effects(("a", 1.0, 0.5), ("b", 0.5, 0.4)))
    after = pooled_figures(_effects(("a", 1.0, 0.5), ("b", 0.5, 0.4), ("c", 2.0, 0.3)))
    (move,) = moves(before, after)
    assert move["figure"] == "SMD · infarct volume · X"
    assert move["before"]["k"] == 2 and move["after"]["k"] == 3
    assert move["after"]["estimate"] > move["before"]["estimate"]
    assert move["added"] == ["c"] and move["removed"] == []


def test_nothing_changed_means_no_move_and_a_vanished_figure_is_one() -> None:
    same = pooled_figures(_effects(("a", 1.0, 0.5), ("b", 0.5, 0.4)))
    assert moves(same, same) == []
    (gone,) = moves(same, {})
    assert gone["after"] is None and gone["removed"] == ["a", "b"]
