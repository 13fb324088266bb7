"""Formats: every way a framework is read and written, one module each."""
