"""`cleaner report`: one self-contained HTML page over many files.

No scripts, fonts or images from elsewhere: the page opens from disk with no
network. It shows the distribution of estimated word error rates (an inline
SVG histogram), the worst documents linked to their findings with snippets,
the findings per rule, and what `fix` and `fix --unsafe` would change.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

from cleaner.model import Finding
from cleaner.score import Estimate, percent
from cleaner.version import __version__

BIN_WIDTH = 0.02      # histogram bins of 2 points of estimated WER
MAX_BINS = 25         # the last bin holds everything from 48% up
CHART_W, CHART_H, MARGIN = 640, 220, 36
SNIPPET_CONTEXT = 40  # characters shown either side of a finding
FINDINGS_SHOWN = 200  # per document; the rest are counted
FIX_EXAMPLES = 5      # changes shown per document for fix and fix --unsafe

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{fill:#4a78b5}.axis{stroke:#555}.label{font-size:11px;fill:#333}
mark{background:#ffd54d}.sev-error{color:#b00}.sev-warning{color:#a60}.sev-info{color:#067}
code{font-size:.95em}.snippet{font-family:ui-monospace,monospace;white-space:pre-wrap}
.fix del{background:#fcc}.fix ins{background:#cfc;text-decoration:none}
"""


@dataclass(frozen=True)
class FileReport:
    path: str                        # as shown
    estimate: Estimate
    findings: tuple[Finding, ...]    # as check reports them
    text: str
    safe: tuple[Finding, ...]        # findings whose fix `fix` applies
    unsafe: tuple[Finding, ...]      # ... and `fix --unsafe`
    worst: bool = False              # among the worst documents: shown with its findings


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def histogram_bins(rates: list[float]) -> list[int]:
    """Counts of estimated rates in BIN_WIDTH bins from 0; the last bin is open-ended."""
    top = max(rates, default=0.0)
    bins = [0] * min(MAX_BINS, int(top / BIN_WIDTH) + 1)
    for rate in rates:
        bins[min(len(bins) - 1, int(rate / BIN_WIDTH))] += 1
    return bins


def histogram_svg(rates: list[float]) -> str:
    """An SVG bar chart of the estimated rates: one <rect class="bar"> per bin, labelled axes."""
    bins = histogram_bins(rates)
    tallest = max(bins, default=0) or 1
    plot_w, plot_h = CHART_W - 2 * MARGIN, CHART_H - 2 * MARGIN
    step = plot_w / max(len(bins), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="histogram" width="{CHART_W}" height="{CHART_H}" '
             f'viewBox="0 0 {CHART_W} {CHART_H}" role="img" aria-label="Histogram of estimated word error rates">',
             f'<line class="axis" x1="{MARGIN}" y1="{MARGIN + plot_h}" x2="{MARGIN + plot_w}" y2="{MARGIN + plot_h}"/>',
             f'<line class="axis" x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{MARGIN + plot_h}"/>',
             f'<text class="label" x="{MARGIN - 6}" y="{MARGIN + 4}" text-anchor="end">{tallest}</text>',
             f'<text class="label" x="{MARGIN - 6}" y="{MARGIN + plot_h}" text-anchor="end">0</text>']
    for k, count in enumerate(bins):
        height = plot_h * count / tallest
        x = MARGIN + k * step
        low = 100 * k * BIN_WIDTH
        label = f"{low:.0f}%+" if k == len(bins) - 1 and k == MAX_BINS - 1 else f"{low:.0f}-{low + 100 * BIN_WIDTH:.0f}%"
        parts.append(f'<rect class="bar" x="{x + 1:.1f}" y="{MARGIN + plot_h - height:.1f}" width="{step - 2:.1f}" '
                     f'height="{height:.1f}" data-count="{count}"><title>{label}: {count} '
                     f'document{"s" if count != 1 else ""}</title></rect>')
        if k % max(1, len(bins) // 8) == 0:
            parts.append(f'<text class="label" x="{x + step / 2:.1f}" y="{MARGIN + plot_h + 14}" '
                         f'text-anchor="middle">{low:.0f}%</text>')
    parts.append(f'<text class="label" x="{MARGIN + plot_w / 2}" y="{CHART_H - 4}" text-anchor="middle">'
                 'estimated word error rate</text></svg>')
    return "".join(parts)


def snippet(text: str, start: int, end: int) -> str:
    """The finding's text marked inside its line, SNIPPET_CONTEXT characters either side."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - SNIPPET_CONTEXT)
    right = min(line_end, max(end, start) + SNIPPET_CONTEXT)
    inside = text[start:min(end, right)] or "\u2038"  # a caret marks an empty span (an insertion)
    return (("\u2026" if left > line_start else "") + _e(text[left:start]) + f"<mark>{_e(inside)}</mark>"
            + _e(text[min(end, right):right]) + ("\u2026" if right < line_end else ""))


def _change(text: str, f: Finding) -> str:
    edit = f.fix.edits[0]
    # Fixes of a later pass have offsets into the text after the earlier passes: read the finding's own text.
    inside = f.start <= edit.start <= edit.end <= f.end
    before = f.text[edit.start - f.start:edit.end - f.start] if inside else text[edit.start:edit.end]
    return (f'<span class="fix">line {f.line}: <del>{_e(before) or "&nbsp;"}</del> \u2192 '
            f'<ins>{_e(edit.replacement) or "(deleted)"}</ins> <small>{_e(f.rule)}</small></span>')


def _worst_table(files: list[FileReport]) -> str:
    rows = []
    for n, f in enumerate(files):
        e = f.estimate
        rows.append(f'<tr><td class="n">{n + 1}</td><td><a href="#doc-{n + 1}">{_e(f.path)}</a></td>'
                    f'<td class="n">{percent(e.wer)}</td><td class="n">{percent(e.low)}\u2013{percent(e.high)}</td>'
                    f'<td class="n">{e.words}</td><td class="n">{len(f.findings)}</td>'
                    f'<td>{_e(", ".join(f"{r} ({c})" for r, c in e.top_rules))}</td></tr>')
    return ('<table id="worst"><thead><tr><th class="n">#</th><th>document</th><th class="n">estimated WER</th>'
            '<th class="n">interval</th><th class="n">words</th><th class="n">findings</th><th>top rules</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _rules_table(files: list[FileReport]) -> str:
    counts: Counter = Counter()
    in_files: Counter = Counter()
    names = {}
    for f in files:
        seen = set()
        for finding in f.findings:
            counts[finding.rule] += 1
            names[finding.rule] = finding.name
            seen.add(finding.rule)
        in_files.update(seen)
    rows = "".join(f'<tr><td><code>{_e(code)}</code></td><td>{_e(names[code])}</td><td class="n">{n}</td>'
                   f'<td class="n">{in_files[code]}</td></tr>'
                   for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return ('<table id="rules"><thead><tr><th>rule</th><th>name</th><th class="n">findings</th>'
            '<th class="n">files</th></tr></thead><tbody>' + rows + "</tbody></table>")


def _fixes_table(files: list[FileReport]) -> str:
    rows = []
    for f in files:
        if not f.safe and not f.unsafe:
            continue
        rows.append(f'<tr><td>{_e(f.path)}</td><td class="n">{len(f.safe)}</td><td class="n">{len(f.unsafe)}</td>'
                    f'<td>{"<br>".join(_change(f.text, x) for x in f.safe[:FIX_EXAMPLES])}</td>'
                    f'<td>{"<br>".join(_change(f.text, x) for x in _only_unsafe(f)[:FIX_EXAMPLES])}</td></tr>')
    total_safe = sum(len(f.safe) for f in files)
    total_unsafe = sum(len(f.unsafe) for f in files)
    head = (f"<p><code>cleaner fix</code> would apply {total_safe} fixes; <code>cleaner fix --unsafe</code> "
            f"{total_unsafe}. First changes of each (line numbers of the original):</p>")
    return (head + '<table id="fixes"><thead><tr><th>document</th><th class="n">fix</th><th class="n">fix --unsafe'
            '</th><th>fix changes</th><th>--unsafe also changes</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


def _only_unsafe(f: FileReport) -> list[Finding]:
    """Fixes that only --unsafe applies: edits the safe run does not make (first pass offsets)."""
    safe_edits = {e for x in f.safe for e in x.fix.edits}
    return [x for x in f.unsafe if x.fix.edits[0] not in safe_edits]


def _document(n: int, f: FileReport) -> str:
    e = f.estimate
    items = []
    for finding in f.findings[:FINDINGS_SHOWN]:
        suggestion = f' \u2192 <ins>{_e(finding.suggestions[0])}</ins>' if finding.suggestions else ""
        items.append(f'<tr><td class="n">{finding.line}:{finding.column}</td>'
                     f'<td class="sev-{finding.severity.value}"><code>{_e(finding.rule)}</code></td>'
                     f'<td>{_e(finding.message)}{suggestion}</td>'
                     f'<td class="snippet">{snippet(f.text, finding.start, finding.end)}</td></tr>')
    more = len(f.findings) - FINDINGS_SHOWN
    tail = f"<p>\u2026 and {more} more findings (run <code>cleaner check</code>).</p>" if more > 0 else ""
    return (f'<section id="doc-{n}"><h3>{n}. {_e(f.path)}</h3><p>estimated word error rate '
            f'<b>{percent(e.wer)}</b> (interval {percent(e.low)}\u2013{percent(e.high)}), {e.words} words, '
            f'{len(f.findings)} findings.</p><table class="findings"><tbody>{"".join(items)}</tbody></table>'
            f'{tail}</section>')


def render_report(files: list[FileReport], title: str = "cleaner report") -> str:

    ranked = sorted(files, key=lambda f: (-f.estimate.wer, f.path))
    worst = [f for f in ranked if f.worst]
    words = sum(f.estimate.words for f in files)
    mean = sum(f.estimate.wer * f.estimate.words for f in files) / words if words else 0.0
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        f"<h1>{_e(title)}</h1>",
        f"<p>{len(files)} documents, {words} words; estimated word error rate {percent(mean)} over all words. "
        f"Generated {when} by cleaner {_e(__version__)}. Estimates and intervals: see <code>cleaner score</code>.</p>",
        "<h2>Estimated word error rates</h2>", histogram_svg([f.estimate.wer for f in files]),
        f"<h2>Worst documents</h2><p>The {len(worst)} documents with the highest estimate; "
        "each links to its findings below.</p>", _worst_table(worst),
        "<h2>Findings per rule</h2>", _rules_table(files),
        "<h2>What fix would change</h2>", _fixes_table(ranked),
        "<h2>Findings of the worst documents</h2>",
        *(_document(n + 1, f) for n, f in enumerate(worst)),
    ]
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width"><title>{_e(title)}</title>'
            f'<style>{STYLE}</style></head><body>\n' + "\n".join(body) + "\n</body></html>\n")
