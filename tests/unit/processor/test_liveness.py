from __future__ import annotations

import pytest

from services.processor.liveness import AgentLiveness


def test_an_agent_that_leaves_its_body_counts_as_stopped() -> None:
    liveness = AgentLiveness()
    with liveness.running("articles"):
        assert liveness.alive
    assert not liveness.alive
    assert liveness.stopped == ["articles"]


def test_an_agent_that_crashes_counts_as_stopped() -> None:
    liveness = AgentLiveness()
    with pytest.raises(RuntimeError), liveness.running("articles"):
        raise RuntimeError("model missing")
    assert liveness.stopped == ["articles"]
