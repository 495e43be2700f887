from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "herzen.cases"
    label = "cases"

    def ready(self) -> None:
        from herzen.cases.services import household_case_priorities_refresh
        from herzen.people.household_changes import on_household_risk_changed

        # A case's priority follows its household's risk factors and stays (see herzen/people/household_changes.py).
        on_household_risk_changed(
            lambda actor, household_id: household_case_priorities_refresh(
                actor=actor, household_id=household_id
            )
        )
