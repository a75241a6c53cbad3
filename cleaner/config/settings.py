"""Run settings that reach the engine. File discovery and TOML parsing live in
config_files.py; this module only holds the resolved, picklable values."""
from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.model import Severity


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()          # empty: every rule enabled by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)  # accepted everywhere (lower-cased)
    fail_on: Severity = Severity.WARNING
    # Words seen across all files of one run (TICCL-style corpus lexicon), lower-cased -> count.
    corpus_counts: tuple[tuple[str, int], ...] = ()
    max_passes: int = 10
    # check fails a file whose estimated word error rate (cleaner/score.py) is above this share.
    max_error_rate: float | None = None
    # Transcription conventions (cleaner/conventions/): "auto" infers them per document.
    line_breaks: str = "auto"             # as-printed | reflowed | auto
    characters: str = "auto"              # as-printed | normalised | auto

    def rule_enabled(self, code: str, default_enabled: bool = True) -> bool:
        if any(code.startswith(p) for p in self.ignore):
            return False
        if self.select:
            return any(code.startswith(p) for p in self.select + self.extend_select)
        if any(code.startswith(p) for p in self.extend_select):
            return True
        return default_enabled


DEFAULT_CONFIG = Config()
