"""Map code-point offsets to 1-based line and column numbers."""
from __future__ import annotations

import re
from bisect import bisect_right

# \r\n is one line break; a lone \r or \n is one too (old Mac files, mixed files).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line_number: int) -> tuple[int, int]:
        """Start and end (before the line break) of a 1-based line."""
        start = self.starts[line_number - 1]
        m = LINE_BREAK.search(self.text, start)
        return start, (m.start() if m else len(self.text))

    def line_span_with_break(self, line_number: int) -> tuple[int, int]:
        start = self.starts[line_number - 1]
        end = self.starts[line_number] if line_number < len(self.starts) else len(self.text)
        return start, end

    @property
    def line_count(self) -> int:
        return len(self.starts)
