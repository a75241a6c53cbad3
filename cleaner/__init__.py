"""cleaner: find and fix transcription defects in plain-text transcripts."""
from cleaner.config import Config
from cleaner.engine import check_text, fix_text
from cleaner.model import Applicability, Edit, Finding, Fix, FixResult, Severity
from cleaner.version import __version__

__all__ = [
    "Applicability", "Config", "Edit", "Finding", "Fix", "FixResult", "Severity",
    "__version__", "check_text", "fix_text",
]
