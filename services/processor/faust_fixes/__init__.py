"""Corrections of Faust (faust-streaming 0.15.3, aiokafka 0.14.0) that the worker runs with.

Each module here replaces or overrides part of Faust, reading its private attributes, because
the upstream behaviour loses or duplicates records; each module's docstring opens with the
defect it corrects. Nothing here knows about articles or events: the domain modules of
``services.processor`` use these the way they would use Faust.

- ``consumer``: commits only offsets of records a stream processed (overrides 8 methods).
- ``batching``: batches acked by the caller once published, replacing ``take_events``.
- ``commit_gate``: keeps commits out of the middle of a batch's publishing.
- ``output``: sends in the transaction of the source partition, not the destination's.
- ``transport``: an idempotent producer under at-least-once; the app class that wires both.
- ``stall_watch``: reads again the records a rebalance dropped before a table restore.

``tests/unit/processor/faust_fixes/test_upstream_tripwire.py`` fails when faust-streaming,
aiokafka or the source of an upstream method these modules override or replace changes: each
failure names the module to re-check against the new upstream code.
"""
