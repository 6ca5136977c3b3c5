"""Shahid: source-attributed claims from Arabic conflict reporting.

``shahid.extract(text, published=None, ...)`` is the library's entry point (the
pipeline lives in the module of the same name, ``from shahid.extract import ...``).
"""

__version__ = "0.1.0"

from shahid.extract import extract

__all__ = ["__version__", "extract"]
