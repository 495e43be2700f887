"""Pure planning: from a seed to plain household plans (herzen.demo.plans), without touching a database."""

from herzen.demo.planning.households import plan_household, plan_households, plan_spotlight_household
from herzen.demo.planning.itineraries import urgency_of

__all__ = ["plan_household", "plan_households", "plan_spotlight_household", "urgency_of"]
