"""SPL801 on capitalised words: names stay protected unless a reading wins clearly."""
from cleaner.engine import check_text, fix_text
from cleaner.model import Applicability
from cleaner.spelling import analysis


def test_capitalised_misreading_with_clear_winner_is_fixed_unsafe():
    text = "Assistince was given to the poor.\n"
    findings = [f for f in check_text(text) if f.rule == "SPL801"]
    assert len(findings) == 1
    assert findings[0].fix.applicability is Applicability.UNSAFE
    assert fix_text(text, unsafe=True).text == "Assistance was given to the poor.\n"


def test_capitalised_names_stay_protected():
    for text in ("The paper Izvestia wrote about the Vossische Zeitung.\n",
                 "They met Mr. Smithers at the station.\n",
                 "Then Mr. Hopkinis went home.\n"):
        assert not [f for f in check_text(text) if f.rule == "SPL801"], text


def test_capital_threshold_is_odds_over_runner_up_and_keeping():
    # The relaxation needs real odds: a tie between readings never clears it.
    assert analysis.CAPITAL_MIN_ODDS >= 1.0
    assert analysis.CAPITAL_MAX_CHANNEL <= 5.0
