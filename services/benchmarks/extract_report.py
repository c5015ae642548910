"""The terminal table of ``dipstream bench extract``."""

from __future__ import annotations

from typing import Any


def render(result: dict[str, Any]) -> str:
    """The result as a terminal table."""
    rows = [
        ("diplomatic: engine", result["diplomatic"]["engine"]),
        ("diplomatic: bare spaCy pipe", result["diplomatic"]["bare_pipeline"]),
        ("mixed: engine with pre-filter", result["mixed"]["engine_with_prefilter"]),
        ("mixed: engine without pre-filter", result["mixed"]["engine_without_prefilter"]),
        ("mixed: bare spaCy pipe", result["mixed"]["bare_pipeline"]),
    ]
    header = ("run", "articles", "words", "wall s", "cpu s", "art/cpu s", "words/cpu s")
    lines = [f"{header[0]:34}" + "".join(f" {cell:>11}" for cell in header[1:])]
    for name, timing in rows:
        cells = (
            str(timing["articles"]),
            str(timing["words"]),
            f"{timing['seconds']:.2f}",
            f"{timing['cpu_seconds']:.2f}",
            f"{timing['articles_per_s']:.1f}",
            f"{timing['words_per_s']:.0f}",
        )
        lines.append(f"{name:34}" + "".join(f" {cell:>11}" for cell in cells))
    diplomatic, mixed, losses = result["diplomatic"], result["mixed"], result["prefilter_losses"]
    lines += [
        "",
        f"engine / bare pipeline CPU time: {diplomatic['engine_over_bare']:.2f} "
        f"(target <= {diplomatic['target_max']}: {_verdict(diplomatic['meets_target'])})",
        f"pre-filter gain on the mixed corpus (CPU time without / with it): "
        f"{mixed['prefilter_gain']:.1f}x "
        f"(target >= {mixed['target_min']}: {_verdict(mixed['meets_target'])})",
        f"events lost to the pre-filter: {losses['lost']} of {losses['events_without_prefilter']}",
        f"articles left out because the engine failed on them: {len(result['engine_failures'])}",
    ]
    return "\n".join(lines)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"
