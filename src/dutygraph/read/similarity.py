"""How alike two task texts are: Dice's coefficient over their two-character pieces (text →
a fraction). Recurring tasks (recurrences.py) and progress links (read/progress_links.py) use
the same measure, so a reader learns one."""

from __future__ import annotations

from fractions import Fraction


def pieces(text: str) -> frozenset[str]:
    """The text's two-character pieces: 优化营商环境 → 优化 化营 营商 商环 环境."""
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def similarity(first: frozenset[str], second: frozenset[str]) -> Fraction | None:
    """Dice's coefficient of two sets of pieces, exact; None when neither has a piece."""
    if not first and not second:
        return None
    return Fraction(2 * len(first & second), len(first) + len(second))
