"""The terminal table of ``dipstream bench extract``."""

from __future__ import annotations

from typing import Any

_WAYS = (
    ("tokenizer alone", "tokenizer"),
    ("bare spaCy pipeline", "bare_pipeline"),
    ("engine without pre-filter", "engine_without_prefilter"),
    ("engine with pre-filter", "engine_with_prefilter"),
)


def render(result: dict[str, Any]) -> str:
    """The result as a terminal table."""
    header = ("run", "articles", "words", "wall s", "cpu s", "art/cpu s", "words/cpu s")
    lines = [f"{header[0]:36}" + "".join(f" {cell:>11}" for cell in header[1:])]
    for corpus in ("news", "gold"):
        for name, key in _WAYS:
            lines.append(_row(f"{corpus}: {name}", result[corpus][key]))
    lines.append("")
    for corpus in ("news", "gold"):
        measured = result[corpus]
        losses = measured["prefilter_losses"]
        lines.append(
            f"{corpus}: engine / bare {measured['engine_over_bare']:.2f}, without pre-filter "
            f"{measured['full_engine_over_bare']:.2f}; pre-filter gain "
            f"{measured['prefilter_gain']:.1f}x; events lost {losses['lost']} of "
            f"{losses['events_without_prefilter']} (false events spared outside gold "
            f"{losses['dropped_outside_gold']}); engine failures "
            f"{len(measured['engine_failures'])}"
        )
    lines += ["", f"{'article kB':>11}{'runs':>6}{'cpu s':>9}{'cpu ms/kB':>11}{'events':>8}"]
    for row in result["time_per_kb"]["rows"]:
        lines.append(
            f"{row['size_kb']:>11.1f}{row['runs']:>6}{row['cpu_seconds']:>9.2f}"
            f"{row['cpu_ms_per_kb']:>11.1f}{row['events']:>8}"
        )
    one, five, fifteen = result["load_average_at_start"]
    lines += [
        "",
        f"peak RSS {result['peak_rss_mb']:.0f} MB; load average at start {one:.1f} {five:.1f} "
        f"{fifteen:.1f} on {result['cpus']} CPUs",
    ]
    for name, target in result["targets"].items():
        value = "-" if target["value"] is None else f"{target['value']:.3g}"
        verdict = "met" if target["met"] else "MISSED"
        lines.append(f"target {name}: {value} (target {target['target']:.3g}) {verdict}")
    return "\n".join(lines)


def _row(name: str, timing: dict[str, Any]) -> str:
    cells = (
        str(timing["articles"]),
        str(timing["words"]),
        f"{timing['seconds']:.2f}",
        f"{timing['cpu_seconds']:.2f}",
        f"{timing['articles_per_s']:.1f}",
        f"{timing['words_per_s']:.0f}",
    )
    return f"{name:36}" + "".join(f" {cell:>11}" for cell in cells)
