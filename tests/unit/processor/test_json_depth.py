from __future__ import annotations

import pytest

from services.processor.json_depth import exceeds_depth


@pytest.mark.parametrize(
    ("value", "limit", "deeper"),
    [
        (b"[[[]]]", 3, False),
        (b"[[[[]]]]", 3, True),
        (b'[[["[[[[[[[["]]]', 3, False),
        (b'[["\\"[[[[[["]]', 2, False),
        (b'[["\\\\"[[[[[["]]', 2, True),
        (b"[][][][][][][]", 1, False),
        (b"{" * 10, 9, True),
        (b"not json at all {{{", 2, True),
    ],
)
def test_depth_is_counted_outside_strings(value: bytes, limit: int, deeper: bool) -> None:
    assert exceeds_depth(value, limit) is deeper
