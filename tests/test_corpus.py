"""Corpus lexicon: words recurring across the files of one run are accepted."""
from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.engine import check_text
from cleaner.run.parallel import Task, with_corpus
from cleaner.spelling.corpus import corpus_counts

LETTER_A = "The censors at glavlit read the letter twice.\n"
LETTER_B = "Nothing passed glavlit without a stamp.\n"


def _write(tmp_path, **files):
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_unknown_word_in_two_files_is_kept_with_its_count(tmp_path):
    paths = _write(tmp_path, a=LETTER_A, b=LETTER_B + "glavlit again.\n")
    assert dict(corpus_counts(paths)) == {"glavlit": 3}


def test_known_words_and_words_of_one_file_are_left_out(tmp_path):
    paths = _write(tmp_path, a=LETTER_A + "zorblax zorblax\n", b=LETTER_B)
    counts = dict(corpus_counts(paths))
    assert "the" not in counts and "letter" not in counts   # known: no protection needed
    assert "zorblax" not in counts                         # recurs in one file only: the document lexicon's job


def test_a_single_file_has_no_corpus(tmp_path):
    assert corpus_counts(_write(tmp_path, a=LETTER_A + LETTER_B)) == ()


def test_unreadable_file_is_skipped(tmp_path):
    paths = _write(tmp_path, a=LETTER_A, b=LETTER_B)
    assert dict(corpus_counts(paths + [str(tmp_path / "missing.txt")])) == {"glavlit": 2}


def test_corpus_word_is_accepted_where_a_lone_occurrence_was_flagged():
    alone = [f for f in check_text(LETTER_A) if f.rule == "SPL801"]
    assert alone and alone[0].text == "glavlit"
    with_run = check_text(LETTER_A, Config(corpus_counts=(("glavlit", 2),)))
    assert not [f for f in with_run if f.rule == "SPL801"]


def test_tasks_get_the_counts_in_their_config(tmp_path):
    paths = _write(tmp_path, a=LETTER_A, b=LETTER_B)
    tasks = with_corpus([Task(p, Config()) for p in paths])
    assert all(t.config.corpus_counts == (("glavlit", 2),) for t in tasks)
    single = [Task(paths[0], Config())]
    assert with_corpus(single) == single


def test_cli_check_accepts_a_word_recurring_across_files(tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli.app import app

    paths = _write(tmp_path, a=LETTER_A, b=LETTER_B)
    runner = CliRunner()
    alone = runner.invoke(app, ["check", "--select", "SPL801", "--fail-on", "info", paths[0]])
    both = runner.invoke(app, ["check", "--select", "SPL801", "--fail-on", "info", *paths])
    assert "glavlit" in alone.output
    assert "glavlit" not in both.output and both.exit_code == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_all_counts_the_corpus_in_either_mode(tmp_path, jobs):
    # With a pool the workers count the files; without one the parent does.
    from cleaner.run.parallel import run_all

    paths = _write(tmp_path, a=LETTER_A, b=LETTER_B, c=LETTER_B, d=LETTER_B)
    config = Config(select=("SPL801",))
    alone = list(run_all([Task(paths[0], config)], jobs=jobs))
    assert any("glavlit" in f.message for f in alone[0].result.findings)
    outcomes = list(run_all([Task(p, config) for p in paths], jobs=jobs))
    assert [o.result.path for o in outcomes] == paths
    assert not any("glavlit" in f.message for o in outcomes for f in o.result.findings)


def test_a_recurring_misreading_of_a_frequent_word_is_left_out(tmp_path):
    # 'tbe' recurs in both files, but 'the' is printed so often that its misreadings explain it.
    common = "the letter and the stamp and the censor, " * 40
    paths = _write(tmp_path, a=common + "tbe censors at glavlit\n", b=common + "tbe office of glavlit\n")
    counts = dict(corpus_counts(paths))
    assert "glavlit" in counts          # no frequent word explains it: the collection's own word
    assert "tbe" not in counts
