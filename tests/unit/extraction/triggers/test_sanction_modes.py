"""Sanctions, expulsions, recalls and summonses get the PLOVER manual's root and mode.

The manual codes international sanctions as SANCTION 'discontinue' where the 2021 conversion
table says COERCE; expelling diplomats is 'expel', recalling one's own is 'withdraw'.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from schemas import PloverRoot
from services.extraction.triggers import TriggerMatch

CASES = [
    (
        "The treasury imposed blocking sanctions on three steel mills.",
        PloverRoot.SANCTION,
        "discontinue",
    ),
    ("The regulator froze the assets of two shipping tycoons.", PloverRoot.SANCTION, "discontinue"),
    ("The cabinet added a chip maker to its sanctions list.", PloverRoot.SANCTION, "discontinue"),
    ("The ministry blacklisted four trading houses.", PloverRoot.SANCTION, "discontinue"),
    (
        "The kingdom banned exports of fertiliser to its neighbour.",
        PloverRoot.SANCTION,
        "discontinue",
    ),
    ("The council imposed an arms embargo on the junta.", PloverRoot.SANCTION, "discontinue"),
    ("The bloc announced a travel ban on six generals.", PloverRoot.SANCTION, "discontinue"),
    (
        "The republic raised tariffs on imported steel to 40 percent.",
        PloverRoot.SANCTION,
        "discontinue",
    ),
    ("The government expelled three embassy diplomats on Friday.", PloverRoot.SANCTION, "expel"),
    ("The minister declared the attache persona non grata.", PloverRoot.SANCTION, "expel"),
    ("The president gave the ambassador 72 hours to leave.", PloverRoot.SANCTION, "expel"),
    ("The republic recalled its ambassador for consultations.", PloverRoot.SANCTION, "withdraw"),
    ("The foreign ministry summoned the envoy over the remarks.", PloverRoot.ACCUSE, "disapprove"),
    ("The two premiers signed a fisheries treaty on the quay.", PloverRoot.SUPPORT, None),
]


@pytest.mark.parametrize(("text", "root", "mode"), CASES)
def test_trigger_has_the_manuals_root_and_mode(
    best: Callable[[str], TriggerMatch | None], text: str, root: PloverRoot, mode: str | None
) -> None:
    match = best(text)
    assert match is not None
    assert (match.code.plover_root, match.code.plover_mode) == (root, mode)


def test_lifting_sanctions_is_not_a_sanction(best: Callable[[str], TriggerMatch | None]) -> None:
    match = best("The council voted for the lifting of sanctions on the island.")
    assert match is None or match.code.plover_root is not PloverRoot.SANCTION
