"""Small helpers the notebooks call: tables for Excel, charts with Chinese labels, pictures."""

from __future__ import annotations

from pathlib import Path

# Fonts that carry Chinese, in order of preference: Debian's Noto CJK (fonts-noto-cjk),
# then what Windows and macOS ship.
CHINESE_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Microsoft YaHei", "PingFang SC",
                 "SimHei", "WenQuanYi Zen Hei", "DejaVu Sans"]


def use_chinese_fonts() -> None:
    """Make matplotlib draw Chinese labels instead of empty boxes."""
    import matplotlib

    matplotlib.rcParams["font.sans-serif"] = CHINESE_FONTS
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False


def result_frame(result):
    """A query's answer as a pandas DataFrame. Integers stay integers; a column of decimals
    (targets' values: Decimal, exact, from xsd:decimal) becomes floats, which pandas can sum,
    chart and write to Excel as numbers (as Decimal objects it cannot plot them)."""
    from decimal import Decimal

    import pandas as pd

    frame = pd.DataFrame(list(result.rows), columns=list(result.columns))
    for column in frame.columns:
        values = frame[column].dropna()
        if len(values) and all(isinstance(v, Decimal) for v in values):
            frame[column] = frame[column].astype(float)
    return frame


def export_table(frame, path: str | Path) -> Path:
    """Write a DataFrame for Excel: .xlsx as a workbook, .csv as UTF-8 with a byte-order mark."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    elif path.suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        raise ValueError(f"{path}: use .xlsx or .csv")
    return path


def show_network(net, path: str | Path, height: str = "780px"):
    """Write NET's page (dutygraph.picture.pages) to PATH and show it in the notebook."""
    from dutygraph.picture.pages import notebook_page, write_html

    return notebook_page(write_html(net, path), height)
