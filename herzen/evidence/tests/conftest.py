"""The pathways fixtures (operator, open regimes, authorities, who makes each move), for the referral tests."""

from herzen.pathways.tests.conftest import actor_for, authorities, open_regimes, operator, today

__all__ = ["actor_for", "authorities", "open_regimes", "operator", "today"]
