"""Drive `cleaner review` in a real pseudo-terminal (80x24) with scripted keystrokes.

The findings come from a tiny test-only rule set so that these tests do not
move when the real spelling rules are retuned: a wrapper script registers a
python check that flags a few typos with two suggestions each (as SPL899) and
loads the real JNK701 junk-line rule, then runs the real command line.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

pexpect = pytest.importorskip("pexpect")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("needs a POSIX pseudo-terminal", allow_module_level=True)

PROMPT = r"Fix\? \[y,n,e,1-9,i,a,s,u,q,x,\?\] "
TEXT = "Teh cat sat on teh mat.\nA wrod here, teh end.\nreturn return return return\nLast line.\n"

WRAPPER = textwrap.dedent('''
    import sys
    from pathlib import Path

    import cleaner.engine as engine
    import cleaner.rulebook as rulebook
    from cleaner.checks import register

    @register("test-typo", table=dict)
    def typos(rule, ctx, options):
        for start, end, word in ctx.words:
            suggestions = options["table"].get(word.lower())
            if suggestions:
                if word[0].isupper():
                    suggestions = [s.capitalize() for s in suggestions]
                yield ctx.finding(rule, start, end, suggestions=suggestions, replacement=suggestions[0])

    here = Path(__file__).parent
    rules = tuple(sorted([rulebook.load_rule(here / "SPL899.toml"),
                          rulebook.load_rule(rulebook.rules_dir() / "junk" / "JNK701.toml")],
                         key=lambda r: r.code))
    rulebook.default_rules = lambda: rules
    engine.default_rules = lambda: rules

    from cleaner.cli.app import main
    sys.exit(main(sys.argv[1:]))
''')

RULE = textwrap.dedent('''
    code = "SPL899"
    name = "test-typo"
    kind = "python"
    severity = "warning"
    applicability = "unsafe"
    message = "Test typo"
    summary = "Typos for the review tests."
    doc = "Test only."
    check = "test-typo"

    [options]
    table = { teh = ["the", "ten"], wrod = ["word", "wood"] }

    [examples]
    fail = [{ text = "teh" }]
    pass = ["the"]
''')


@pytest.fixture
def work(tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "run.py").write_text(WRAPPER)
    (tools / "SPL899.toml").write_text(RULE)
    docs = tmp_path / "docs"
    docs.mkdir()
    target = docs / "t.txt"
    target.write_bytes(TEXT.encode())
    return tmp_path


def command(work, *args):
    return [sys.executable, str(work / "tools" / "run.py"), *args]


def spawn(work, *args):
    argv = command(work, "review", *args)
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(work / "docs"), dimensions=(24, 80),
                          encoding="utf-8", timeout=30, env=env)
    return child


def keys(child, *presses):
    """Wait for the prompt before each keypress; a tuple ('e', text) types a replacement."""
    for press in presses:
        child.expect(PROMPT)
        if isinstance(press, tuple):
            child.send("e")
            child.expect("with: ")
            child.sendline(press[1])
        else:
            child.send(press)


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


def content(work) -> str:
    return (work / "docs" / "t.txt").read_bytes().decode()


def test_accept_top_suggestion(work):
    child = spawn(work, "t.txt")
    keys(child, "y", "n", "n", "n", "n")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("Teh", "The", 1)
    assert "accepted 1, edited 0, skipped 4" in child.before


def test_enter_accepts_and_choose_suggestion_two(work):
    child = spawn(work, "t.txt")
    keys(child, "\r", "2", "q")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("Teh", "The", 1).replace("teh", "ten", 1)


def test_type_a_replacement(work):
    child = spawn(work, "t.txt")
    keys(child, "n", "n", ("e", "world"), "q")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("wrod", "world")


def test_ignore_word_writes_word_list(work):
    (work / "docs" / ".cleaner.toml").write_text('words = ["names.txt"]\n')
    (work / "docs" / "names.txt").write_text("# accepted names\nTASS")   # no final newline
    child = spawn(work, "t.txt")
    keys(child, "n", "i", "n", "n")   # i on "teh" also settles the other "teh"
    assert finish(child) == 0
    assert content(work) == TEXT
    assert (work / "docs" / "names.txt").read_text() == "# accepted names\nTASS\nteh\n"
    assert (work / "docs" / ".cleaner.toml").read_text() == 'words = ["names.txt"]\n'


def test_apply_to_all(work):
    child = spawn(work, "t.txt")
    keys(child, "n", "a", "q")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("teh", "the")


def test_undo_asks_again(work):
    child = spawn(work, "t.txt")
    keys(child, "y", "u")
    child.expect("undone")
    child.expect(r"1/5  t\.txt:1:1")
    keys(child, "2", "q")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("Teh", "Ten", 1)


def test_help_then_save_and_quit(work):
    child = spawn(work, "t.txt")
    keys(child, "?")
    child.expect("skip the rest of this rule")
    keys(child, "y", "y", "q")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("teh", "the", 1).replace("Teh", "The", 1)
    assert "accepted 2" in child.before and "saved" in child.before


def test_quit_without_saving_leaves_file_unchanged(work):
    before = (work / "docs" / "t.txt").read_bytes()
    child = spawn(work, "t.txt")
    keys(child, "y", "y", ("e", "xyz"), "x")
    assert finish(child) == 1
    assert (work / "docs" / "t.txt").read_bytes() == before


def test_ctrl_c_leaves_file_unchanged_and_restores_terminal(work):
    before = (work / "docs" / "t.txt").read_bytes()
    child = spawn(work, "t.txt")
    keys(child, "y", "\x03")
    assert finish(child) == 130
    assert (work / "docs" / "t.txt").read_bytes() == before
    assert not [n for n in os.listdir(work / "docs") if n.startswith(".cleaner-")]


def test_junk_line_deleted_with_its_line_break(work):
    child = spawn(work, "--select", "JNK", "t.txt")
    keys(child, "y")
    assert finish(child) == 0
    assert content(work) == TEXT.replace("return return return return\n", "")


def test_recorded_decisions_replay_on_a_copy(work):
    child = spawn(work, "--decisions", "../d.jsonl", "t.txt")
    keys(child, "y", ("e", "tea"), "n", "2", "y")
    assert finish(child) == 0
    reviewed = content(work)
    assert reviewed == "The cat sat on tea mat.\nA wrod here, ten end.\nLast line.\n"
    lines = (work / "d.jsonl").read_text().splitlines()
    assert len(lines) == 5 and all('"context"' in line for line in lines)
    copy = work / "copy.txt"
    copy.write_text(TEXT)
    done = subprocess.run(command(work, "fix", "--decisions", str(work / "d.jsonl"), str(copy)),
                          capture_output=True, text=True, cwd=str(work))
    assert done.returncode == 1, done.stderr
    assert copy.read_text() == reviewed


def test_stdin_not_a_terminal_exits_2_and_writes_nothing(work):
    done = subprocess.run(command(work, "review", "t.txt"), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, cwd=str(work / "docs"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "not a TTY" in done.stderr
    assert content(work) == TEXT


def test_long_paragraph_fits_80x24(work):
    paragraph = " ".join(["word"] * 300) + " teh " + " ".join(["word"] * 300)
    (work / "docs" / "t.txt").write_text(paragraph + "\n")
    child = spawn(work, "t.txt")
    child.expect(r"1/1  t\.txt")
    child.expect(PROMPT)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).splitlines()
    assert len(shown) <= 20
    assert all(len(line) <= 80 for line in shown)
    child.send("x")
    assert finish(child) == 1


def test_two_files_first_saved_when_done_second_left_on_x(work):
    second = work / "docs" / "u.txt"
    second.write_text(TEXT)
    child = spawn(work, "--select", "JNK", "t.txt", "u.txt")
    keys(child, "y")            # t.txt's only finding: saved at once
    child.expect(r"1/1  u\.txt")
    keys(child, "y")
    child.expect("saved")
    assert finish(child) == 0
    child = spawn(work, "--select", "SPL", "u.txt")
    keys(child, "y", "x")
    assert finish(child) == 1
    assert content(work) == TEXT.replace("return return return return\n", "")
    assert second.read_text() == TEXT.replace("return return return return\n", "")


def test_ctrl_c_at_the_edit_prompt_writes_nothing(work):
    child = spawn(work, "t.txt")
    keys(child, "y")
    child.expect(PROMPT)
    child.send("e")
    child.expect("with: ")
    child.send("half-typed")
    child.sendintr()
    assert finish(child) == 130
    assert content(work) == TEXT


def test_file_changed_during_review_is_not_overwritten(work):
    child = spawn(work, "--select", "JNK", "t.txt")
    child.expect(PROMPT)
    (work / "docs" / "t.txt").write_text("Someone else's edit.\n")
    child.send("y")
    assert finish(child) == 2
    assert "changed on disk" in child.before
    assert content(work) == "Someone else's edit.\n"


def test_seed_transcript_done_when(tmp_path):
    """The issue's check, on a copy of the seed: accept "is" for "la", type "unswervingly"
    with e, skip the junk line; the file has exactly those two changes. Any other finding
    (the spelling rules are still being tuned) is skipped with n."""
    from conftest import SEED

    original = SEED.read_text(encoding="utf-8")
    copy = tmp_path / SEED.name
    copy.write_text(original, encoding="utf-8")
    argv = [sys.executable, "-m", "cleaner", "review", "--min-severity", "info", copy.name]
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(tmp_path), dimensions=(24, 80),
                          encoding="utf-8", timeout=60)
    seen = set()
    while child.expect([PROMPT, pexpect.EOF]) == 0:
        screen = child.before
        if "“la”" in screen and "RWE" in screen:
            seen.add("la")
            child.send("y")
        elif "unansweringly" in screen and "unansweringly" not in seen:
            seen.add("unansweringly")
            child.send("e")
            child.expect("with: ")
            child.sendline("unswervingly")
        else:
            seen.add("JNK701" if "JNK701" in screen else "other")
            child.send("n")
    child.close()
    if not {"la", "unansweringly"} <= seen:
        pytest.skip(f"the spelling rules do not flag both seed defects yet (saw {sorted(seen)})")
    assert child.exitstatus == 0
    assert "JNK701" in seen
    expected = original.replace("when it la recalled", "when it is recalled").replace(
        "holds unansweringly", "holds unswervingly")
    assert copy.read_text(encoding="utf-8") == expected

    # The same session quit with x leaves the file byte-identical.
    copy.write_text(original, encoding="utf-8")
    before = copy.read_bytes()
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(tmp_path), dimensions=(24, 80),
                          encoding="utf-8", timeout=60)
    child.expect(PROMPT)
    child.send("y")
    child.expect(PROMPT)
    child.send("x")
    assert finish(child) == 1
    assert copy.read_bytes() == before


def test_sample_review_with_no_options_asks_about_la_unansweringly_and_the_junk_line():
    """Issue 16: by default review asks about every finding with a suggestion, at any
    severity (`la` and `unansweringly` are info), and every warning (the junk line).
    Each screen shows the line as it would read after the top choice."""
    import tempfile
    from pathlib import Path

    from conftest import SEED

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / SEED.name
        copy.write_bytes(SEED.read_bytes())
        argv = [sys.executable, "-m", "cleaner", "review", copy.name]
        child = pexpect.spawn(argv[0], argv[1:], cwd=tmp, dimensions=(24, 80), encoding="utf-8", timeout=60)
        asked = []
        while child.expect([PROMPT, pexpect.EOF]) == 0:
            screen = re.sub(r"\x1b\[[0-9;]*m", "", child.before)
            for word in ("“la”", "“unansweringly”", "junk line"):
                if word in screen:
                    asked.append(word)
            if "“la”" in screen:
                assert "after: " in screen and "when it is recalled" in screen
            if "junk line" in screen:
                assert "(the line is removed)" in screen
            if "“unansweringly”" in screen:   # every suggestion is listed, the runner-up too
                assert "1) unswervingly" in screen and "2) uninspiringly" in screen
            child.send("n")
        child.close()
        assert child.exitstatus == 0
        assert asked == ["“la”", "“unansweringly”", "junk line"]
        assert "not shown" not in child.before
        assert copy.read_bytes() == SEED.read_bytes()


def test_hidden_findings_without_suggestion_are_mentioned(work):
    # SCN504 (a word without a vowel) is info and offers nothing: left out by default, and said so.
    (work / "docs" / "t.txt").write_text("Fine.\nreturn return return\nWe met Mr. Zxcvbnm at the hall.\n")
    argv = [sys.executable, "-m", "cleaner", "review", "t.txt"]   # the real rules
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(work / "docs"), dimensions=(24, 80),
                          encoding="utf-8", timeout=60)
    keys(child, "n")
    child.expect(r"1 info-level finding without a suggestion not shown; run with --min-severity\s+info to review it")
    assert finish(child) == 0


def test_trailing_space_with_a_fix_is_asked_about_by_default(work):
    (work / "docs" / "t.txt").write_text("Fine.\nA line with trailing space. \n")
    argv = [sys.executable, "-m", "cleaner", "review", "t.txt"]   # the real rules: LAY201 is info
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(work / "docs"), dimensions=(24, 80),
                          encoding="utf-8", timeout=60)
    keys(child, "y")
    assert finish(child) == 0
    assert (work / "docs" / "t.txt").read_text() == "Fine.\nA line with trailing space.\n"
