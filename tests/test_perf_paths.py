"""The fast paths of issue 7 give the same answers as the slow ones: the streamed
report equals the one rendered from all findings, the mojibake pre-filter only
skips lines ftfy would leave alone, and a clean run imports none of the heavy
optional modules."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest
from conftest import ROOT, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.engine import check_text
from cleaner.model import Severity
from cleaner.report.stream import Report, render

TEXTS = {
    "a.txt": "The qnick brown fox, when it la recalled.\nreturn return return return return\nschÃ¶n café\n",
    "b.txt": "All fine here.\n",
    "c.txt": "tlie end of tbe \"story\nA line-\nend hyphen and 1ike this.\r\n",
}


def _findings():
    return {path: [replace(f, path=path) for f in check_text(text)] for path, text in TEXTS.items()}


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
@pytest.mark.parametrize("color", [False, True])
def test_streamed_report_equals_rendered(fmt, color):
    by_file = _findings()
    display = {path: f"shown/{path}" for path in by_file}
    everything = [replace(f, path=display[p]) for p, fs in by_file.items() for f in fs]
    # The text format shows source lines, so it is given each file's text (issue 16).
    expected = render(fmt, everything, len(by_file), color, texts={display[p]: TEXTS[p] for p in TEXTS})
    out: list[str] = []
    report = Report(fmt, out.append, len(by_file), color)
    for path, findings in by_file.items():
        report.add(tuple(findings), display[path], TEXTS[path])
    report.close()
    assert "".join(out) == expected
    if fmt == "json":
        assert json.loads(expected)


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_streamed_report_without_findings(fmt):
    out: list[str] = []
    report = Report(fmt, out.append, 3)
    report.add((), "x.txt")
    report.close()
    assert "".join(out) == render(fmt, [], 3)


def test_summary_counts_every_severity():
    findings = [f for fs in _findings().values() for f in fs]
    assert {f.severity for f in findings} >= {Severity.WARNING, Severity.INFO}
    out: list[str] = []
    report = Report("text", out.append, 3)
    report.add(findings, "x")
    report.close()
    assert out[-1] == render("text", findings, 3).splitlines()[-1] + "\n"


MOJIBAKE_ALPHABET = (
    "abcxyzAZ .,?!'-\t0"
    "\xa0\xad·´–—―…’\x80\x85\x9f¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº¶§¢£¥₧€¡«¿©΄΅‘‚“„•‹®»˝”›™²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№"
    "ÒÓÔÕÖÙÚÛÜòóôõöøùúûüŐŌŪŲ°ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑØÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ"
    "ßàáâãäåæçèéêëìíîïðñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂÞΑΒΓΔΩΆΈΉΊΌΎΏΪΫЁЖЯαβγωάέήίΰаяџ"
    "│┌┐┘├┤┬┼═╬▀▄█▌▐░▒▓ВГРСўЂ"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=MOJIBAKE_ALPHABET, min_size=1, max_size=8))
def test_mojibake_prefilter_skips_only_lines_ftfy_keeps(line):
    import ftfy

    from cleaner.checks.mojibake import MAYBE_MOJIBAKE, _config

    if not MAYBE_MOJIBAKE.search(line):
        assert ftfy.fix_and_explain(line, config=_config())[0] == line


def test_clean_check_imports_no_heavy_modules(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The quick brown fox jumps over the lazy dog in L'Humanité.\n", encoding="utf-8")
    probe = (
        "import sys; from cleaner.cli.app import main; code = main(['check', sys.argv[1]]);"
        "heavy = sorted(m for m in ('ftfy', 'rich', 'pydantic', 'spellchecker', 'multiprocessing',"
        " 'concurrent.futures.process', 'cleaner.report.baseline') if m in sys.modules);"
        "print(code, heavy)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # the first run may build the word-model and rule caches
        out = subprocess.run([sys.executable, "-c", probe, str(clean)], capture_output=True, text=True,
                             cwd=tmp_path, env=env)
    assert out.stdout.strip().splitlines()[-1] == "0 []", out.stdout + out.stderr


def test_seed_sample_check_output_is_unchanged_by_streaming(run):
    code, out, _ = run("check", SEED)
    findings = check_text(SEED.read_text(encoding="utf-8"))
    path = str(SEED)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    assert out == render("text", [replace(f, path=shown) for f in findings], 1,
                         texts={shown: SEED.read_text(encoding="utf-8")})
    assert code == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "THE", "a", "ſo", "ſO", "é", "É", "de", "De", "ıt", "It"]), max_size=30))
def test_repetition_candidates_are_the_simple_pairwise_test(tokens):
    from cleaner.config import DEFAULT_CONFIG
    from cleaner.context import Context
    from cleaner.kinds.repetition import _candidate_starts

    ctx = Context(" ".join(tokens), DEFAULT_CONFIG)
    words = ctx.words
    expected = [s for (s, _, a), (_, _, b) in zip(words, words[1:], strict=False) if a.lower() == b.lower() or not (a + b).isascii()]
    assert list(_candidate_starts(ctx)) == expected


def test_rule_file_cache_gives_the_parsed_files(tmp_path, monkeypatch):
    import cleaner.rulebook as rulebook

    monkeypatch.setattr(rulebook, "_cache_file", lambda key: tmp_path / f"rules-{key}.json")
    directory = rulebook.rules_dir()
    fresh = {p: rulebook._parse(p) for p in rulebook.rule_files(directory)}
    assert rulebook.parsed_rule_files(directory) == fresh  # parsed, then stored
    (cache,) = tmp_path.glob("rules-*.json")
    assert rulebook.parsed_rule_files(directory) == fresh  # read back from the cache
    cache.write_text("{not json", encoding="utf-8")
    assert rulebook.parsed_rule_files(directory) == fresh  # a damaged cache is rebuilt
    codes = [r.code for r in rulebook.load_rules(directory, rulebook.parsed_rule_files(directory))]
    assert codes == [r.code for r in rulebook.load_rules(directory)]


def test_rule_file_cache_is_keyed_by_contents(tmp_path, monkeypatch):
    import shutil

    import cleaner.rulebook as rulebook

    monkeypatch.setattr(rulebook, "_cache_file", lambda key: tmp_path / "cache" / f"rules-{key}.json")
    rules = tmp_path / "rules"
    shutil.copytree(rulebook.rules_dir(), rules)
    first = rulebook.parsed_rule_files(rules)
    victim = sorted(p for p in first if p.name.startswith("JNK"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace('severity = "', 'severity = "x', 1), encoding="utf-8")
    second = rulebook.parsed_rule_files(rules)
    assert second[victim]["severity"].startswith("x") and len(list((tmp_path / "cache").glob("*.json"))) == 2
    victim.write_text("not = [toml", encoding="utf-8")
    assert rulebook.parsed_rule_files(rules) is None  # load_rules then reports the file itself


def test_chunks_follow_file_size(tmp_path):
    from cleaner.config import Config
    from cleaner.run.parallel import CHUNK_BYTES, Task, _chunk_size

    big = tmp_path / "big.txt"
    big.write_text("x" * CHUNK_BYTES)
    small = tmp_path / "small.txt"
    small.write_text("x" * 100)
    assert _chunk_size([Task(str(big), Config())] * 200, 2) == 1
    assert _chunk_size([Task(str(small), Config())] * 200, 2) == 16
    assert _chunk_size([Task(str(small), Config())] * 8, 2) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_report_file_equals_streamed_stdout(run, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text * 3, encoding="utf-8", newline="")
    (tmp_path / "d.txt").write_text("Nothing to see.\n", encoding="utf-8")
    code, out, _ = run("check", "--isolated", "--jobs", "2", "--format", fmt, ".")
    code2, out2, _ = run("check", "--isolated", "--jobs", "2", "--format", fmt, "--output-file", "r.out", ".")
    assert (code, out2) == (code2, "")
    assert (tmp_path / "r.out").read_text(encoding="utf-8") == out
    assert code == 1 and out


def test_old_rule_caches_are_pruned(tmp_path):
    import os

    import cleaner.rulebook as rulebook

    for i in range(12):
        old = tmp_path / f"rules-{rulebook.CACHE_FORMAT}-{i:024x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1000 + i, 1000 + i))
    (tmp_path / "lexicon-x.marshal").write_bytes(b"")
    rulebook._prune(tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(left) == 9 and "lexicon-x.marshal" in left
    assert f"rules-{rulebook.CACHE_FORMAT}-{11:024x}.json" in left and f"rules-{rulebook.CACHE_FORMAT}-{0:024x}.json" not in left
