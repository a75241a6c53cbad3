"""The version: one home, read by the package build (pyproject.toml) and by every output that names it."""
__version__ = "0.1.0"
