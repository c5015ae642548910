"""Tripwire: the Faust corrections meet the upstream code they were written against.

The modules of ``services/processor/faust_fixes`` override private Faust methods (one is a copy
of Faust's drain loop) and lean on private attributes. A new faust-streaming or aiokafka may
fix the defect, move the attribute or change the loop; nothing else would notice. When a test
here fails, read the upstream change, re-check the named fix module against it (does the
defect still exist, does the override still fit), then update the version or hash below and
the "Checked against" line of the module docstrings.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from services.processor import faust_fixes
from services.processor.faust_fixes.consumer import LosslessConsumer
from services.processor.faust_fixes.transport import IdempotentProducer, StreamApp

CHECKED_VERSIONS = {"faust-streaming": "0.15.3", "aiokafka": "0.14.0"}
FIXES_DIR = Path(faust_fixes.__file__).parent


@dataclass(frozen=True)
class Upstream:
    """One upstream method a fix overrides, replaces or relies on, and its source's hash."""

    module: str
    qualname: str
    fix: str
    sha256_prefix: str

    @property
    def name(self) -> str:
        return f"{self.module}.{self.qualname}"


def _consumer(name: str, sha: str) -> Upstream:
    return Upstream("faust.transport.drivers.aiokafka", f"Consumer.{name}", "consumer", sha)


# Looked up through the class each fix subclasses, so that an override added upstream between
# that class and the method's old home changes the hash too.
OVERRIDDEN = (
    _consumer("commit", "a354437baaa08bf8"),
    _consumer("on_partitions_revoked", "d04b7ae72c6fc206"),
    _consumer("ack", "5fcf41cf45153475"),
    _consumer("seek_to_committed", "f1d483b861b0328b"),
    _consumer("_new_offset", "1d2c7ea89a7ad4f1"),
    _consumer("_wait_next_records", "6218e1969a636b3f"),
    _consumer("_add_gap", "4df2573ded7c1c2c"),
    _consumer("_drain_messages", "44a2500309e83c63"),
    _consumer("wait_empty", "e4662fe24f094819"),
    Upstream(
        "faust.transport.drivers.aiokafka",
        "Producer._settings_extra",
        "transport",
        "a4c7bc41b6382223",
    ),
    Upstream("faust", "App._new_transport", "transport", "42db531312dd776f"),
    Upstream("faust", "App._new_producer_transport", "transport", "eb3b4aa6a8961275"),
)

# Not overridden, but the defect a fix corrects lives there, or the fix copies or calls it.
RELIED_ON = (
    Upstream(
        "faust.transport.drivers.aiokafka",
        "AIOKafkaConsumerThread.seek_to_committed",
        "consumer",
        "775ab0adc4b052ab",
    ),
    Upstream("faust", "Stream.take_events", "batching", "607d48aead118ba8"),
    Upstream("faust", "Stream._enable_passive", "batching", "64da8ce9f729e30e"),
    # A stopping app waits for its streams here, then for the consumer's wait_empty.
    Upstream("faust.app.base", "App._stop_consumer", "consumer", "55854a5de12c3f52"),
    Upstream("faust.transport.consumer", "TransactionManager.send", "output", "b8d126be9f10fc69"),
    Upstream("faust.transport.consumer", "TransactionManager.commit", "output", "fbb29c3467ac8bfa"),
    Upstream("faust.transport.drivers.aiokafka", "Producer.send", "output", "0b5bd08f52e5e2a9"),
    Upstream(
        "faust.tables.recovery", "Recovery._restart_recovery", "stall_watch", "6bd8a8558a2dffe4"
    ),
    Upstream(
        "faust.tables.recovery", "Recovery._slurp_changelogs", "stall_watch", "7825c7e50f766d5a"
    ),
)

# Each correcting class, and the module and name of the Faust class it subclasses.
SUBCLASSES = (
    (LosslessConsumer, "faust.transport.drivers.aiokafka", "Consumer"),
    (IdempotentProducer, "faust.transport.drivers.aiokafka", "Producer"),
    (StreamApp, "faust", "App"),
)


def _source_hash(upstream: Upstream) -> str:
    found: object = importlib.import_module(upstream.module)
    for part in upstream.qualname.split("."):
        found = getattr(found, part)
    # mode wraps service tasks; their source is that of the function they wrap.
    function = getattr(found, "fun", found)
    assert callable(function), f"{upstream.name} is no longer a function"
    source = inspect.getsource(function)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@pytest.mark.parametrize("package", sorted(CHECKED_VERSIONS))
def test_the_installed_version_is_the_one_the_fixes_were_checked_against(package: str) -> None:
    installed, checked = version(package), CHECKED_VERSIONS[package]
    assert installed == checked, (
        f"{package} is {installed}, but services/processor/faust_fixes was checked against "
        f"{checked}: read its changelog for each defect the fix modules name (consumer, "
        "batching, commit_gate, output, transport, stall_watch), re-check every method listed "
        "in this test, then update CHECKED_VERSIONS and the modules' 'Checked against' lines"
    )


@pytest.mark.parametrize("upstream", [*OVERRIDDEN, *RELIED_ON], ids=lambda up: up.name)
def test_the_upstream_source_is_the_one_the_fix_was_written_against(upstream: Upstream) -> None:
    actual = _source_hash(upstream)
    assert actual == upstream.sha256_prefix, (
        f"the source of {upstream.name} changed upstream (sha256 {actual}, the fix was written "
        f"against {upstream.sha256_prefix}): re-check services/processor/faust_fixes/"
        f"{upstream.fix}.py against the new code, then update the hash in this test"
    )


def test_every_overridden_faust_method_is_tripwired() -> None:
    listed = {(up.module, up.qualname) for up in OVERRIDDEN}
    for fix_class, module, class_name in SUBCLASSES:
        faust_class = getattr(importlib.import_module(module), class_name)
        for name, member in vars(fix_class).items():
            # Constructors extend Faust's through super() with all its arguments.
            if name.startswith("__") or not callable(member) or not hasattr(faust_class, name):
                continue
            assert (module, f"{class_name}.{name}") in listed, (
                f"{fix_class.__name__}.{name} overrides {module}.{class_name}.{name}, which this "
                "test does not list: add it to OVERRIDDEN with the hash of its source"
            )


@pytest.mark.parametrize("module", sorted(FIXES_DIR.glob("[a-z]*.py")), ids=lambda p: p.stem)
def test_every_fix_module_names_the_versions_it_was_checked_against(module: Path) -> None:
    checked = (
        f"Checked against faust-streaming {CHECKED_VERSIONS['faust-streaming']} "
        f"and aiokafka {CHECKED_VERSIONS['aiokafka']}."
    )
    docstring = module.read_text(encoding="utf-8").split('"""')[1]
    assert checked in docstring, f"{module.name}: its docstring must say {checked!r}"
