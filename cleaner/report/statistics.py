"""`check --statistics`: how many findings each rule made, and how many of them
`fix` and `fix --unsafe` would apply, instead of the findings themselves."""
from __future__ import annotations

import json
from collections import Counter


class RuleCounts:
    """Counts per rule, gathered file by file (memory stays flat)."""

    def __init__(self) -> None:
        self.total: Counter = Counter()
        self.safe: Counter = Counter()
        self.unsafe: Counter = Counter()
        self.names: dict[str, str] = {}

    def add(self, findings) -> None:
        for f in findings:
            self.total[f.rule] += 1
            self.names[f.rule] = f.name
            if f.fix is not None:
                (self.safe if f.fix.applicability.value == "safe" else self.unsafe)[f.rule] += 1

    def rows(self) -> list[tuple[str, str, int, int, int]]:
        """(code, name, findings, safe fixes, unsafe fixes), most frequent first."""
        return [(code, self.names[code], n, self.safe[code], self.unsafe[code])
                for code, n in sorted(self.total.items(), key=lambda item: (-item[1], item[0]))]

    def text(self) -> str:
        rows = self.rows()
        if not rows:
            return ""
        width = max(len(name) for _, name, *_ in rows)
        lines = []
        for code, name, n, safe, unsafe in rows:
            fixes = []
            if safe:
                fixes.append(f"{safe} safe")
            if unsafe:
                fixes.append(f"{unsafe} unsafe")
            marker = "[*]" if safe else "   "
            lines.append(f"{n:>6}  {code}  {marker} {name:<{width}}  "
                         + (f"fixes: {', '.join(fixes)}" if fixes else "no fix"))
        return "\n".join(lines) + "\n"

    def json(self) -> str:
        return json.dumps([{"code": code, "name": name, "count": n, "safe_fixes": safe, "unsafe_fixes": unsafe}
                           for code, name, n, safe, unsafe in self.rows()], indent=2) + "\n"
