"""Broken rule files give a one-line RuleError naming the file, never another
exception and never a hang; data regexes cannot backtrack forever."""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.context import Context
from cleaner.rulebook import RuleError, load_rule

VALID = '''code = "TST901"
name = "test-rule"
kind = "pattern"
severity = "warning"
applicability = "safe"
message = "m"
summary = "s"
doc = "d"
pattern = "teh"
replacement = "the"

[examples]
fail = [{ text = "teh", fixed = "the" }]
pass = ["the"]
'''


def load(tmp_path, text: str, name: str = "TST901.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_rule(path)


def assert_clean_error(tmp_path, text: str, name: str = "TST901.toml") -> str:
    start = time.monotonic()
    with pytest.raises(RuleError) as caught:
        load(tmp_path, text, name)
    assert time.monotonic() - start < 5
    message = str(caught.value)
    assert name in message, message
    assert "\n" not in message.strip(), message
    return message


def test_the_valid_file_loads(tmp_path):
    assert load(tmp_path, VALID).code == "TST901"


BROKEN = {
    "bad syntax": VALID.replace('severity = "warning"', "severity = warning"),
    "unclosed string": VALID.replace('doc = "d"', 'doc = "d'),
    "unknown key": VALID + "\ncolour = 'red'\n",
    "unknown nested key": VALID.replace('pass = ["the"]', 'pass = ["the"]\nmaybe = ["x"]'),
    "wrong type": VALID.replace('severity = "warning"', "severity = 3"),
    "bad regex": VALID.replace('pattern = "teh"', 'pattern = "(teh"'),
    "bad regex escape": VALID.replace('pattern = "teh"', 'pattern = "\\\\"'),
    "unknown flag": VALID.replace('pattern = "teh"', 'pattern = "teh"\nflags = ["FAST"]'),
    "flag not a string": VALID.replace('pattern = "teh"', 'pattern = "teh"\nflags = [{a = 1}]'),
    "exception not a string": VALID.replace('pattern = "teh"', 'pattern = "teh"\nexceptions = [1, 2]'),
    "group out of range": VALID.replace('pattern = "teh"', 'pattern = "teh"\ngroup = 3'),
    "unknown kind": VALID.replace('kind = "pattern"', 'kind = "os.system"'),
    "bad code": VALID.replace('code = "TST901"', 'code = "tst"'),
    "missing key": VALID.replace('message = "m"\n', ""),
    "fail not a list": VALID.replace('fail = [{ text = "teh", fixed = "the" }]', "fail = 3"),
    "fail item not a table": VALID.replace('fail = [{ text = "teh", fixed = "the" }]', 'fail = ["teh"]'),
    "examples not a table": VALID.replace("[examples]\n", "examples = 3\n[other]\n"),
    "python check by import path": VALID.replace('kind = "pattern"', 'kind = "python"').replace(
        'pattern = "teh"\nreplacement = "the"', 'check = "os.system"'),
    "line kind bad exceptions": VALID.replace('kind = "pattern"', 'kind = "line"').replace(
        'pattern = "teh"\nreplacement = "the"', 'match = "x+"\nexceptions = [[1]]'),
    "substitution bad map": VALID.replace('kind = "pattern"', 'kind = "substitution"').replace(
        'pattern = "teh"\nreplacement = "the"', "[map]\nteh = 3"),
    "deep array": VALID + "\nx = " + "[" * 5000 + "]" * 5000 + "\n",
    "deep inline table": VALID + "\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "deep dotted key": VALID + "\n" + ".".join(["a"] * 3000) + " = 1\n",
    "not utf-8": None,
    "empty": "",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_rule_file_is_a_one_line_error(tmp_path, case):
    text = BROKEN[case]
    if text is None:
        (tmp_path / "TST901.toml").write_bytes(VALID.encode().replace(b'"d"', b'"\xff"'))
        with pytest.raises(RuleError, match="TST901.toml"):
            load_rule(tmp_path / "TST901.toml")
        return
    assert_clean_error(tmp_path, text)


def test_unreadable_rule_path_is_a_rule_error(tmp_path):
    (tmp_path / "TST901.toml").mkdir()
    with pytest.raises(RuleError, match="TST901.toml"):
        load_rule(tmp_path / "TST901.toml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(VALID)), junk=st.text(max_size=12))
def test_mutated_rule_files_never_raise_anything_else(tmp_path, cut, junk):
    text = VALID[:cut] + junk + VALID[cut:]
    try:
        load(tmp_path, text)
    except RuleError as exc:
        assert "TST901.toml" in str(exc) and "\n" not in str(exc).strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.recursive(
    st.none().map(lambda _: 1) | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("abcfx", min_size=1, max_size=3), inner,
                                                                max_size=3),
    max_leaves=8,
), key=st.sampled_from(["pattern", "replacement", "exceptions", "flags", "group", "examples", "enabled"]))
def test_any_value_for_a_key_is_handled(tmp_path, value, key):

    lines = [line for line in VALID.split("[examples]")[0].splitlines() if not line.startswith(key + " ")]
    rendered = _toml_value(value)
    body = "\n".join(lines) + f"\n{key} = {rendered}\n"
    if key != "examples":
        body += '[examples]\nfail = [{ text = "teh", fixed = "the" }]\npass = ["the"]\n'
    try:
        load(tmp_path, body)
    except RuleError as exc:
        assert "TST901.toml" in str(exc) and "\n" not in str(exc).strip()


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode().replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + "}"


# --- catastrophic backtracking is bounded ---------------------------------------------

def evil(pattern: str) -> str:
    return VALID.replace('pattern = "teh"\nreplacement = "the"', f'pattern = "{pattern}"').replace(
        'applicability = "safe"\n', "").replace(', fixed = "the"', "")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a|a?)+b"])
def test_catastrophic_pattern_returns_in_bounded_time(tmp_path, pattern):
    rule = load(tmp_path, evil(pattern))
    text = ("a" * 40 + "c\n") * 5
    start = time.monotonic()
    list(rule.check(Context(text, Config())))
    assert time.monotonic() - start < 10


def test_catastrophic_line_match_is_bounded_per_document(tmp_path):
    body = VALID.replace('kind = "pattern"', 'kind = "line"').replace(
        'pattern = "teh"\nreplacement = "the"', 'match = "(a|aa)+$"').replace(
        'applicability = "safe"\n', "").replace(', fixed = "the"', "")
    rule = load(tmp_path, body)
    text = ("a" * 40 + "b\n") * 20      # twenty slow lines must not cost twenty time limits
    start = time.monotonic()
    list(rule.check(Context(text, Config())))
    assert time.monotonic() - start < 10


def test_catastrophic_exception_pattern_is_bounded(tmp_path):
    body = VALID.replace('pattern = "teh"\nreplacement = "the"',
                         'pattern = "[ab]+"\nexceptions = ["(a|aa)+$"]').replace(
        'applicability = "safe"\n', "").replace(', fixed = "the"', "")
    body = body.replace('fail = [{ text = "teh" }]', 'fail = [{ text = "ab" }]')
    rule = load(tmp_path, body)
    text = ("a" * 40 + "b ") * 20
    start = time.monotonic()
    list(rule.check(Context(text, Config())))
    assert time.monotonic() - start < 10
