from __future__ import annotations

from services.processor.dlq_guard import DeadLetterGuard, GuardWindow
from services.processor.dlq_guard_store import parsed_window, window_value


def feed(guard: DeadLetterGuard, outcomes: list[bool], first_offset: int = 0) -> None:
    """Count ``outcomes`` as records of partition 0 from ``first_offset`` on."""
    for offset, dead in enumerate(outcomes, start=first_offset):
        guard.record(dead, partition=0, offset=offset)


def test_guard_waits_for_a_full_window() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(guard, [True] * 9)
    assert not guard.tripped


def test_guard_trips_on_a_dead_letter_when_the_share_exceeds_the_limit() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(guard, [False] * 4 + [True] * 6)
    assert guard.tripped
    assert "60%" in guard.describe()


def test_a_coded_record_never_trips_the_guard() -> None:
    # Once a fault is fixed, the coded records slide the dead letters out of the window.
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    guard.restore(GuardWindow((True,) * 9, {}))
    feed(guard, [False] * 5)
    assert not guard.tripped
    assert guard.ratio == 0.5


def test_guard_holds_at_exactly_the_limit_and_slides() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(guard, [index % 2 == 0 for index in range(30)])
    assert not guard.tripped
    assert guard.ratio == 0.5


def test_a_tripped_guard_stays_tripped() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.1)
    feed(guard, [True] * 10 + [False] * 20)
    assert guard.tripped


def test_a_restored_window_trips_at_the_first_dead_letter_where_a_fresh_one_would_not() -> None:
    before = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(before, [True] * 6)
    saved = parsed_window(window_value(before.window()), "test")
    assert saved == before.window()

    restarted, fresh = DeadLetterGuard(10, 0.5), DeadLetterGuard(10, 0.5)
    restarted.restore(saved)
    feed(restarted, [True] * 4, first_offset=6)
    feed(fresh, [True] * 4, first_offset=6)
    assert restarted.tripped
    assert not fresh.tripped


def test_records_read_again_after_a_restart_are_not_counted_twice() -> None:
    before = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(before, [True] * 6)
    restarted = DeadLetterGuard(window=10, max_ratio=0.5)
    restarted.restore(before.window())
    # Offsets 4 and 5 were counted, then the worker died before committing them.
    feed(restarted, [True] * 2, first_offset=4)
    assert restarted.window().outcomes == (True,) * 6
    restarted.record(True, partition=1, offset=4)
    assert len(restarted.window().outcomes) == 7


def test_an_unreadable_saved_window_is_ignored() -> None:
    assert parsed_window(b"{not json", "test") is None
    assert parsed_window(None, "test") is None


def test_a_guard_that_has_counted_keeps_its_own_window() -> None:
    guard = DeadLetterGuard(window=10, max_ratio=0.5)
    feed(guard, [False])
    assert not guard.restore(GuardWindow((True,) * 9, {0: 9}))
    assert guard.window() == GuardWindow((False,), {0: 1})
