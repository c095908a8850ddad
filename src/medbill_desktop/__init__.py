"""MedBill Desktop: a billing workstation for small medical practices."""

from pkgutil import extend_path

# An editable install keeps the packaged resources/ beside the sources in site-packages;
# extending the package path lets importlib.resources find them the same way a wheel does.
__path__ = extend_path(__path__, __name__)

__version__ = "0.1.0"
