"""The Faust stream processor: articles in, coded events, dead letters and stories out.

Each step is one small module: ``decode`` turns a record into an article or an
``InvalidMessage``, ``extraction_pool`` runs the engine off the event loop, ``publish`` writes
events with CloudEvents headers, ``dead_letters`` writes what could not be coded, ``stories``
folds events into cross-article aggregates and ``story_folder`` keeps them in the table. The
agents send through the ``publisher`` protocol, so that they can be tested without a broker.
``agent`` and ``app`` wire them together.

``faust_fixes`` holds the corrections of Faust itself, apart from these domain modules.
"""
