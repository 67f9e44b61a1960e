"""A deadline as written (完成时限) → the last day it allows, where the words give one."""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata

# Named periods → (month, day) of their last day, in the document's year.
NAMED_PERIODS = {
    "全年": (12, 31), "年内": (12, 31), "年底": (12, 31), "年底前": (12, 31), "年末": (12, 31),
    "年底前完成": (12, 31), "上半年": (6, 30), "下半年": (12, 31),
    "一季度": (3, 31), "第一季度": (3, 31), "二季度": (6, 30), "第二季度": (6, 30),
    "三季度": (9, 30), "第三季度": (9, 30), "四季度": (12, 31), "第四季度": (12, 31),
}
# 6月底前, 2024年12月, 2024年9月30日前, 2024-12-31 (an Excel date).
DATE_WORDS = re.compile(
    r"^(?:(?P<year>\d{4})\s*年)?\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?"
    r"(?:底|末|份)?(?:前|以前|之前)?(?:完成)?$"
)
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
YEAR_PREFIX = re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<rest>.+)$")


def deadline_date(written: str, year: int | None) -> datetime.date | None:
    """The last day WRITTEN allows (YEAR where it names none), or None: 长期坚持 names none."""
    text = unicodedata.normalize("NFKC", "".join(written.split()))
    prefixed = YEAR_PREFIX.match(text)
    if prefixed and prefixed["rest"] in NAMED_PERIODS:
        year, text = int(prefixed["year"]), prefixed["rest"]
    if text in NAMED_PERIODS:
        return datetime.date(year, *NAMED_PERIODS[text]) if year else None
    match = DATE_WORDS.match(text) or ISO_DATE.match(text)
    if not match:
        return None
    year = int(match["year"]) if match["year"] else year
    month = int(match["month"])
    if year is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match["day"]) if match["day"] else last
    return datetime.date(year, month, day) if 1 <= day <= last else None
