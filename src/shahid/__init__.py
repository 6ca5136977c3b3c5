"""Shahid: source-attributed claims from Arabic conflict reporting."""

__version__ = "0.1.0"
