from __future__ import annotations

from services.processor.dlq_guard import DeadLetterGuard


def test_guard_waits_for_a_full_window() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    for _ in range(9):
        guard.record(dead_lettered=True)
    assert not guard.tripped


def test_guard_trips_when_the_share_exceeds_the_limit() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    for index in range(10):
        guard.record(dead_lettered=index < 6)
    assert guard.tripped
    assert "60%" in guard.describe()


def test_guard_holds_at_exactly_the_limit_and_slides() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    for index in range(30):
        guard.record(dead_lettered=index % 2 == 0)
    assert not guard.tripped
    assert guard.ratio == 0.5


def test_a_tripped_guard_stays_tripped() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.1)
    for _ in range(10):
        guard.record(dead_lettered=True)
    for _ in range(20):
        guard.record(dead_lettered=False)
    assert guard.tripped
