"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts): vertical grouped bars, horizontal bars
with their values, and lines over months. Plain data in, a picture out; each chart also says what it shows in
words (`summary()`, its accessible description and tooltip), so the figures can be read without the picture.

    chart = BarChart("A/R by age")
    chart.set_data(["Current", "31–60"], [Series("Insurance", [420, 80]), Series("Patient", [120, 40])], money)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil, floor, log10

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = (QColor("#2f6db5"), QColor("#e08a2c"), QColor("#3f9a5b"), QColor("#8c5fb8"), QColor("#c2484d"))
INK = QColor("#1d2430")
MUTED = QColor("#5a6270")
GRID = QColor("#e3e7ee")
TITLE_COLOR = QColor("#1f3a5f")

Format = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def plain_number(value: float) -> str:
    return f"{value:,.0f}"


def short_money(cents: float) -> str:
    """Dollars for an axis: $1.2M, $45K, $900."""
    dollars = cents / 100
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if abs(dollars) >= size:
            text = f"{dollars / size:.1f}".rstrip("0").rstrip(".")
            return f"${text}{suffix}"
    return f"${dollars:,.0f}"


def nice_top(value: float, ticks: int = 4) -> tuple[float, float]:
    """A round top for an axis that holds `value`, and its step: 0, 250, 500, 750, 1000."""
    if value <= 0:
        return 1.0, 0.25
    raw = value / ticks
    power = 10 ** floor(log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * ceil(value / step), step


class Chart(QWidget):
    """What every chart shares: a title, a legend, margins, and the words for the data."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.fmt: Format = plain_number  # values in words and tooltips
        self.axis_fmt: Format = plain_number  # the axis, and the labels on bars
        self.empty_text = "Nothing to show yet."
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 190)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, 250)

    def set_data(self, categories: Sequence[str], series: Sequence[Series], fmt: Format = plain_number,
                 axis_fmt: Format | None = None) -> None:
        for s in series:
            if len(s.values) != len(categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")
        self.categories, self.series = list(categories), list(series)
        self.fmt, self.axis_fmt = fmt, axis_fmt or fmt
        words = self.summary()
        self.setAccessibleDescription(words)
        self.setToolTip(words.replace("; ", "\n"))
        self.update()

    def has_data(self) -> bool:
        return bool(self.categories) and any(v for s in self.series for v in s.values)

    def summary(self) -> str:
        """The chart in words: 'Insurance: Current $420.00, 31–60 $80.00; Patient: ...'."""
        if not self.has_data():
            return f"{self.title}: {self.empty_text}"
        parts = []
        for s in self.series:
            values = ", ".join(f"{c} {self.fmt(v)}" for c, v in zip(self.categories, s.values, strict=True))
            parts.append(f"{s.name}: {values}" if len(self.series) > 1 or s.name else values)
        return f"{self.title} — " + "; ".join(parts)

    # --- painting helpers -----------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1.0, 7.0))
        title = QFont(base)
        title.setBold(True)
        return title, small

    def _frame(self, p: QPainter) -> QRectF:
        """Paint the title and legend; returns the rectangle left for the plot."""
        title_font, small = self._fonts()
        p.setFont(title_font)
        p.setPen(TITLE_COLOR)
        fm = QFontMetrics(title_font)
        p.drawText(QRectF(8, 4, self.width() - 16, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
        top = 8 + fm.height()
        if len(self.series) > 1:
            p.setFont(small)
            sm = QFontMetrics(small)
            x = 8.0
            for i, s in enumerate(self.series):
                p.fillRect(QRectF(x, top + 3, 10, 10), PALETTE[i % len(PALETTE)])
                p.setPen(INK)
                p.drawText(QPointF(x + 14, top + 3 + sm.ascent() - 1), s.name)
                x += 14 + sm.horizontalAdvance(s.name) + 16
            top += sm.height() + 6
        return QRectF(8, top + 4, self.width() - 16, self.height() - top - 10)

    def _empty(self, p: QPainter, area: QRectF) -> None:
        p.setPen(MUTED)
        p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        area = self._frame(p)
        if not self.has_data():
            self._empty(p, area)
        else:
            self.plot(p, area)
        p.end()

    def plot(self, p: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def _grid(self, p: QPainter, plot: QRectF, top_value: float, step: float, fm: QFontMetrics) -> None:
        value = 0.0
        while value <= top_value + step / 2:
            y = plot.bottom() - plot.height() * value / top_value
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.axis_fmt(value))
            value += step
        p.setPen(QPen(MUTED, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))


class BarChart(Chart):
    """Vertical bars: one group per category, one bar per series; the value over each bar when there is room."""

    def plot(self, p: QPainter, area: QRectF) -> None:
        _title, small = self._fonts()
        p.setFont(small)
        fm = QFontMetrics(small)
        top_value, step = nice_top(max(max(s.values) for s in self.series))
        left = max(fm.horizontalAdvance(self.axis_fmt(top_value)), fm.horizontalAdvance(self.axis_fmt(0))) + 8
        plot = QRectF(area.left() + left, area.top() + fm.height(), area.width() - left,
                      area.height() - fm.height() * 2 - 6)
        self._grid(p, plot, top_value, step, fm)
        groups = len(self.categories)
        group_w = plot.width() / groups
        bar_w = min(46.0, group_w * 0.8 / len(self.series))
        for g, category in enumerate(self.categories):
            x0 = plot.left() + g * group_w + (group_w - bar_w * len(self.series)) / 2
            for i, s in enumerate(self.series):
                value = s.values[g]
                h = plot.height() * value / top_value if top_value else 0
                bar = QRectF(x0 + i * bar_w, plot.bottom() - h, bar_w - 2, h)
                p.fillRect(bar, PALETTE[i % len(PALETTE)])
                text = self.axis_fmt(value) if value else ""  # short: bars stand side by side
                if text and fm.horizontalAdvance(text) <= bar_w + 4:
                    p.setPen(INK)
                    p.drawText(QRectF(bar.center().x() - 40, bar.top() - fm.height() - 1, 80, fm.height()),
                               Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
            p.setPen(INK)
            label = fm.elidedText(category, Qt.TextElideMode.ElideRight, int(group_w) - 2)
            p.drawText(QRectF(plot.left() + g * group_w, plot.bottom() + 4, group_w, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, label)

class HorizontalBarChart(Chart):
    """One bar per category (a payer, a reason code), longest first as given, with its value at the end; the
    first series only. Category names sit on the left, elided to fit."""

    max_rows = 8

    def plot(self, p: QPainter, area: QRectF) -> None:
        _title, small = self._fonts()
        p.setFont(small)
        fm = QFontMetrics(small)
        values = list(self.series[0].values)[:self.max_rows]
        names = self.categories[:self.max_rows]
        label_w = min(max(fm.horizontalAdvance(n) for n in names) + 8, area.width() * 0.42)
        value_w = max(fm.horizontalAdvance(self.fmt(v)) for v in values) + 8
        row_h = min(area.height() / len(values), fm.height() * 2.0)
        top = max(values) or 1
        bar_room = area.width() - label_w - value_w
        for i, (name, value) in enumerate(zip(names, values, strict=True)):
            y = area.top() + i * row_h
            p.setPen(INK)
            p.drawText(QRectF(area.left(), y, label_w - 6, row_h), Qt.AlignmentFlag.AlignRight |
                       Qt.AlignmentFlag.AlignVCenter, fm.elidedText(name, Qt.TextElideMode.ElideRight,
                                                                    int(label_w) - 8))
            w = bar_room * value / top
            bar = QRectF(area.left() + label_w, y + row_h * 0.18, max(w, 1.0), row_h * 0.64)
            p.fillRect(bar, PALETTE[0])
            p.drawText(QRectF(bar.right() + 4, y, value_w, row_h), Qt.AlignmentFlag.AlignLeft |
                       Qt.AlignmentFlag.AlignVCenter, self.fmt(value))


class LineChart(Chart):
    """Lines over categories (months), a dot at each value."""

    def plot(self, p: QPainter, area: QRectF) -> None:
        _title, small = self._fonts()
        p.setFont(small)
        fm = QFontMetrics(small)
        top_value, step = nice_top(max(max(s.values) for s in self.series))
        left = max(fm.horizontalAdvance(self.axis_fmt(top_value)), fm.horizontalAdvance(self.axis_fmt(0))) + 8
        plot = QRectF(area.left() + left, area.top() + 4, area.width() - left - 8, area.height() - fm.height() - 10)
        self._grid(p, plot, top_value, step, fm)
        n = len(self.categories)
        dx = plot.width() / max(n - 1, 1)
        every = max(1, ceil(n * (fm.horizontalAdvance("Mmm 00") + 6) / max(plot.width(), 1)))
        p.setPen(INK)
        for i, category in enumerate(self.categories):
            if i % every == 0 or i == n - 1:
                x = plot.left() + i * dx
                p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                           category)
        for k, s in enumerate(self.series):
            color = PALETTE[k % len(PALETTE)]
            points = [QPointF(plot.left() + i * dx, plot.bottom() - plot.height() * v / top_value)
                      for i, v in enumerate(s.values)]
            p.setPen(QPen(color, 2.2))
            for a, b in zip(points, points[1:], strict=False):
                p.drawLine(a, b)
            p.setBrush(color)
            p.setPen(Qt.PenStyle.NoPen)
            for point in points:
                p.drawEllipse(point, 3.0, 3.0)
