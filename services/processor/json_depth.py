"""How deep a JSON text nests, measured before parsing it.

Python's ``json`` parser recurses once per level and raises ``RecursionError`` past about a
thousand; a record nested that deep must be a dead letter, not a crash, and one nested a few
hundred levels still costs the parser and the validator for nothing. An article is an object of
scalars, so any bound well above its depth will do.
"""

from __future__ import annotations

# Deepest nesting an input record may have; an article needs 1.
MAX_JSON_DEPTH = 64

_OPENERS = frozenset(b"[{")
_CLOSERS = frozenset(b"]}")
_QUOTE = ord('"')
_BACKSLASH = ord("\\")


def exceeds_depth(value: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON in ``value`` opens more than ``limit`` arrays or objects at once.

    Brackets inside strings do not count. The text need not be valid JSON: the scan only
    tells whether parsing it could go deeper than ``limit``.
    """
    # Fewer brackets than the limit cannot nest past it: most records end the check here.
    if value.count(b"[") + value.count(b"{") <= limit:
        return False
    depth = 0
    in_string = False
    escaped = False
    for byte in value:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif byte in _CLOSERS:
            depth -= 1
    return False
