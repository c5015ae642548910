"""The batch clock with batches that overlap (one per extraction process): the oldest tells."""

from __future__ import annotations

import time

from services.processor.batch_clock import BatchClock


def test_the_oldest_batch_being_coded_sets_the_time_and_none_means_zero() -> None:
    clock = BatchClock(budget_s=0.05)
    assert clock.running_s() == 0.0
    with clock.coding():
        time.sleep(0.06)
        with clock.coding():
            # The second batch just started, the first is over budget: readiness must see it.
            assert clock.running_s() >= 0.06
            assert clock.over_budget
        assert clock.over_budget
    assert clock.running_s() == 0.0
    with clock.coding():
        assert not clock.over_budget
