"""Printing PDF documents (receipts now; statements and claims later) through Qt, and saving them.

The PDF bytes come from the services (which render them with `documents` and record the print in the audit
log). Here they are
- previewed and printed through `QPrintPreviewDialog` and `QPrinter`: each page is rasterised at the
  printer's resolution (pypdfium2) and painted onto the printer's page. `printed` is emitted only when the
  job really went out (the preview closed through its Print button and the printer took the pages: a
  cancelled print dialog, a closed preview or a printer that refused the job emit `cancelled`), so what
  is recorded as printed (a claim's submission) was printed;
- or, where no PDF rasteriser is installed, handed to the system's PDF viewer through a private temporary
  file (mode 0600, removed when the program ends);
- or saved to a file the user chooses ("Save PDF…"), written atomically with mode 0600.

Temporary files with patient data never linger: `PrivateFiles.remove_all` runs when the application quits.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

PRINT_DPI = 300
PREVIEW_DPI = 150


def can_rasterise() -> bool:
    try:
        import pypdfium2  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def pdf_pages(pdf: bytes, dpi: int = PRINT_DPI) -> list[tuple[QImage, QSizeF]]:
    """Each page as an image at `dpi`, with its size in points."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    document = pdfium.PdfDocument(pdf)
    pages: list[tuple[QImage, QSizeF]] = []
    try:
        for i in range(len(document)):
            page = document[i]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
            data = bytes(bitmap.buffer)
            image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32).copy()
            pages.append((image, QSizeF(width, height)))
            bitmap.close()
            page.close()
    finally:
        document.close()
    return pages


def paint_pages(printer: QPrinter, pages: list[tuple[QImage, QSizeF]]) -> int:
    """Paint the page images onto the printer, each fitted to the printable area; returns pages painted."""
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for n, (image, _size) in enumerate(pages):
            if n:
                printer.newPage()
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def write_private(path: Path, data: bytes) -> Path:
    """Write atomically (temp file beside it, fsync, replace) readable by this user only (0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".medbill-", suffix=".part", dir=path.parent)  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


class PrivateFiles:
    """Temporary files holding patient data: 0600, in a private folder, removed at the end."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self._hooked = False

    def create(self, data: bytes, suffix: str = ".pdf", prefix: str = "medbill-") -> Path:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o600)
        path = Path(name)
        self.paths.append(path)
        self._hook()
        return path

    def _hook(self) -> None:
        app = QCoreApplication.instance()
        if not self._hooked and app is not None:
            app.aboutToQuit.connect(self.remove_all)
            self._hooked = True

    def remove(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
        if path in self.paths:
            self.paths.remove(path)

    def remove_all(self) -> None:
        for path in list(self.paths):
            self.remove(path)


private_files = PrivateFiles()


class PdfDocument(QObject):
    """One document to print or save; keeps the bytes only as long as the dialog that uses them."""

    saved = Signal(object)  # the Path written
    printed = Signal(int)  # pages the printer took (the preview's own drawing does not count)
    cancelled = Signal()  # the preview closed without printing, or the printer refused the job
    viewer_opened = Signal(object)  # no rasteriser: the Path handed to the system's PDF viewer

    def __init__(self, pdf: bytes, title: str, file_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.file_name = file_name
        self.preview: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None
        self.save_dialog: QFileDialog | None = None
        self.pages_painted = 0

    # --- print ------------------------------------------------------------------------------------------
    def print_with_preview(self, parent: QWidget | None) -> QPrintPreviewDialog | None:
        """The print preview (Print button, printer choice, page setup); or the system viewer without a
        rasteriser. Returns the preview dialog when one is shown."""
        if not can_rasterise():
            self.open_in_viewer()
            return None
        pages = pdf_pages(self.pdf, PRINT_DPI)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        first = pages[0][1] if pages else QSizeF(612, 792)
        printer.setPageSize(QPageSize(QSizeF(min(first.width(), first.height()), max(first.width(), first.height())),
                                      QPageSize.Unit.Point, self.title, QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                                   else QPageLayout.Orientation.Portrait)
        self.printer = printer  # the dialog does not own it: it must outlive the dialog
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(f"Print — {self.title}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(900, 700)

        def paint(target: QPrinter) -> None:
            self.pages_painted = 0
            self.pages_painted = paint_pages(target, pages)

        dialog.paintRequested.connect(paint)
        dialog.finished.connect(lambda result: self._preview_finished(result, parent))
        self.preview = dialog
        dialog.open()
        return dialog

    def job_went_out(self, result: int) -> bool:
        """Qt's preview accepts itself only after its print dialog was accepted and the pages were painted
        onto the printer (the last paint); a PDF printer given no file name printed nothing."""
        printer = self.printer
        if result != QDialog.DialogCode.Accepted.value or self.pages_painted <= 0 or printer is None:
            return False
        return not (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and not printer.outputFileName())

    def destination(self) -> str:
        """Where the job went, for the record: the file a PDF printer wrote, or the printer's name."""
        printer = self.printer
        if printer is None:
            return ""
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return Path(printer.outputFileName()).name
        return f"printer {printer.printerName()}" if printer.printerName() else "printer"

    def _preview_finished(self, result: int, parent: QWidget | None) -> None:
        if self.job_went_out(result):
            self.printed.emit(self.pages_painted)
        else:
            self.cancelled.emit()
        self._back_to(parent)

    def _back_to(self, parent: QWidget | None) -> None:
        """The preview is gone: back to the window it was opened from (not every platform does it)."""
        self.preview = None
        if parent is not None and parent.isVisible():
            parent.activateWindow()

    def open_in_viewer(self) -> Path:
        """Hand the PDF to the system's viewer (which prints it) through a private temporary file."""
        path = private_files.create(self.pdf, prefix="medbill-print-")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.viewer_opened.emit(path)
        return path

    # --- save ------------------------------------------------------------------------------------------
    def save_as(self, parent: QWidget | None, folder: Path | None = None) -> QFileDialog:
        """Ask where to save (Qt's own dialog: the same on every system, and testable), then write."""
        dialog = QFileDialog(parent, f"Save {self.title} as PDF")
        dialog.setObjectName("savePdfDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF documents (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(folder or Path.home()))
        dialog.selectFile(self.file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        dialog.finished.connect(lambda _r: self._back_to(parent))
        self.save_dialog = dialog
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> Path:
        written = write_private(path, self.pdf)
        self.saved.emit(written)
        return written
