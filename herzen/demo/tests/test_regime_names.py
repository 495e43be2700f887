"""The policy regimes the demo opens are named in words a Russian page can show in Russian."""

from herzen.demo.applications import DEFAULT_REGIME_HISTORY, REGIME_HISTORY
from herzen.pathways.screening_labels import SHIPPED_TEXTS


def test_every_demo_regime_name_is_a_shipped_text():
    names = {
        name for history in (*REGIME_HISTORY.values(), DEFAULT_REGIME_HISTORY) for name, _start in history
    }
    assert names <= SHIPPED_TEXTS
