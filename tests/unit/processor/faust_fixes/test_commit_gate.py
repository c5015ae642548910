"""The commit gate: commits never fall inside a batch's publishing, and are not starved."""

from __future__ import annotations

import asyncio

from services.processor.faust_fixes.commit_gate import CommitGate


async def _publish(gate: CommitGate, name: str, log: list[str], hold: asyncio.Event) -> None:
    async with gate.publishing():
        log.append(f"{name} starts")
        await hold.wait()
        log.append(f"{name} ends")


async def _commit(gate: CommitGate, log: list[str]) -> None:
    async with gate.committing():
        log.append("commit")


def test_a_commit_waits_for_the_batch_being_published() -> None:
    async def scenario() -> list[str]:
        gate, hold = CommitGate(), asyncio.Event()
        log: list[str] = []
        batch = asyncio.create_task(_publish(gate, "batch", log, hold))
        await asyncio.sleep(0)
        commit = asyncio.create_task(_commit(gate, log))
        await asyncio.sleep(0.01)
        hold.set()
        await asyncio.gather(batch, commit)
        return log

    assert asyncio.run(scenario()) == ["batch starts", "batch ends", "commit"]


def test_a_batch_that_comes_while_a_commit_waits_goes_after_it() -> None:
    async def scenario() -> list[str]:
        gate = CommitGate()
        log: list[str] = []
        first_hold, second_hold = asyncio.Event(), asyncio.Event()
        first = asyncio.create_task(_publish(gate, "first", log, first_hold))
        await asyncio.sleep(0)
        commit = asyncio.create_task(_commit(gate, log))
        await asyncio.sleep(0)
        second = asyncio.create_task(_publish(gate, "second", log, second_hold))
        await asyncio.sleep(0.01)
        first_hold.set()
        second_hold.set()
        await asyncio.gather(first, commit, second)
        return log

    assert asyncio.run(scenario()) == [
        "first starts",
        "first ends",
        "commit",
        "second starts",
        "second ends",
    ]


def test_batches_publish_side_by_side_when_no_commit_waits() -> None:
    async def scenario() -> list[str]:
        gate, hold = CommitGate(), asyncio.Event()
        log: list[str] = []
        batches = [asyncio.create_task(_publish(gate, name, log, hold)) for name in ("a", "b")]
        await asyncio.sleep(0.01)
        hold.set()
        await asyncio.gather(*batches)
        return log

    assert asyncio.run(scenario()) == ["a starts", "b starts", "a ends", "b ends"]
