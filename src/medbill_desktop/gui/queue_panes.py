"""The layout the work-queue workspaces share (claims, denials): a title, filters on the left, and on the right
the action bars, the list with its message line, and the chosen row's details below."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget

from medbill_desktop.gui.desk_models import prepare_table


@dataclass
class QueuePanes:
    splitter: QSplitter  # left | right
    left: QWidget
    left_layout: QVBoxLayout
    right: QSplitter  # middle over the detail view
    middle: QWidget
    mid: QVBoxLayout  # the action bars go here, then the table


def queue_panes(page: QWidget, title: str) -> QueuePanes:
    outer = QVBoxLayout(page)
    heading = QLabel(title, page)
    heading.setProperty("role", "patientName")
    outer.addWidget(heading)
    splitter = QSplitter(Qt.Orientation.Horizontal, page)
    outer.addWidget(splitter, 1)
    left = QWidget(splitter)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    right = QSplitter(Qt.Orientation.Vertical, splitter)
    middle = QWidget(right)
    mid = QVBoxLayout(middle)
    mid.setContentsMargins(0, 0, 0, 0)
    return QueuePanes(splitter, left, left_layout, right, middle, mid)


@dataclass
class QueueViews:
    table: QTableView
    message: QLabel
    detail: QTextBrowser


def finish_queue_panes(p: QueuePanes, model: QAbstractItemModel, table_name: str, detail_name: str, *,
                       middle_share: tuple[int, int], middle_sizes: tuple[int, int], left_width: int) -> QueueViews:
    """The list (Alt+T through a hidden '&Table' label), the message line under it, the detail view below, and
    the splitters' proportions."""
    table = QTableView(p.middle)
    table.setObjectName(table_name)
    prepare_table(table, model)
    p.mid.addWidget(table, 1)
    table_label = QLabel("&Table", p.middle)
    table_label.setBuddy(table)
    table_label.setVisible(False)
    message = QLabel(p.middle)
    message.setObjectName("messageLabel")
    message.setWordWrap(True)
    message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    p.mid.addWidget(message)

    detail = QTextBrowser(p.right)
    detail.setObjectName(detail_name)
    detail.setOpenLinks(False)
    p.right.addWidget(p.middle)
    p.right.addWidget(detail)
    p.right.setStretchFactor(0, middle_share[0])
    p.right.setStretchFactor(1, middle_share[1])
    p.right.setSizes(list(middle_sizes))
    p.splitter.addWidget(p.left)
    p.splitter.addWidget(p.right)
    p.splitter.setStretchFactor(0, 0)
    p.splitter.setStretchFactor(1, 1)
    p.splitter.setSizes([left_width, 900])
    return QueueViews(table, message, detail)
