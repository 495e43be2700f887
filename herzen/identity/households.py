"""Combining the merged person's household and cases with the survivor's, and putting them back (docs/adr/0095).

A household's cases carry rows sealed with the household's data key (notes, evidence, application records,
grants, resettlement needs and proposals): they are found from the models' own `data_key_owner`, opened with
the old household's key before a case moves and sealed again with the new one after. What moved is returned
as plain ids and roles, for the merge's sealed undo record.

Two open cases cannot share a household (one open file per household), and combining two files' applications,
evidence and aid is a caseworker's judgement: when both households have an open case, neither household nor any
case moves, and the merge names both cases so the caseworker combines them by hand.
"""

from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from herzen.cases.models import Case, CaseStatus
from herzen.encryption.rows import SealedRow, encrypted_fields
from herzen.people.choices import HouseholdRole
from herzen.people.models import Household, HouseholdMember, Person
from herzen.people.services.stays import refresh_household_stay_summary


def _household_sealed_models() -> list[tuple[type[models.Model], str]]:
    """Every model sealed with a household's key, with the lookup from it to its case."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, SealedRow):
            continue
        kind, path = getattr(model, "data_key_owner", ("", ""))
        if kind != "household":
            continue
        if not path.endswith("case.household_id"):
            raise AssertionError(f"{model._meta.label} is sealed with a household key not through its case")
        found.append((model, path.removesuffix(".household_id").replace(".", "__")))
    return found


def _opened_rows(case_ids: list[Any]) -> list[tuple[models.Model, dict[str, Any]]]:
    """The household-sealed rows of these cases, opened while the cases are still in their household."""
    rows = []
    for model, to_case in _household_sealed_models():
        for row in model._default_manager.filter(**{f"{to_case}__in": case_ids}).order_by("pk"):
            rows.append(
                (row, {field.attname: getattr(row, field.attname) for field in encrypted_fields(model)})
            )
    return rows


def _seal_again(rows: list[tuple[models.Model, dict[str, Any]]]) -> None:
    for row, opened in rows:
        row._state.fields_cache.clear()  # the case (and its household) is read again: the new key
        for name, value in opened.items():
            setattr(row, name, value)
        row.save(update_fields=[*opened, "updated_at"])


def _move_cases(case_ids: list[Any], household_id: Any) -> None:
    rows = _opened_rows(case_ids)
    Case.objects.filter(pk__in=case_ids).update(household_id=household_id, updated_at=timezone.now())
    _seal_again(rows)


def household_id_of(person: Person) -> Any:
    return HouseholdMember.objects.filter(person=person).values_list("household_id", flat=True).first()


def _open_case(household_id: Any) -> Any:
    return (
        Case.objects.filter(household_id=household_id)
        .exclude(status=CaseStatus.CLOSED)
        .values_list("pk", flat=True)
        .first()
    )


def combine(survivor: Person, merged: Person) -> dict[str, Any]:
    """Bring the merged person's household (its other members and every case) into the survivor's.

    Returns what undoing needs: {"from", "to", "members": [[id, role]], "cases": [id], "kept_apart": [case id,
    case id]}, or {"membership", "merged"} when the survivor had no household and took the merged person's
    membership.
    """
    record: dict[str, Any] = {"from": None, "to": None, "members": [], "cases": [], "kept_apart": []}
    source, target = household_id_of(merged), household_id_of(survivor)
    if source is None or source == target:
        return record
    if target is None:
        membership = HouseholdMember.objects.get(person=merged)
        HouseholdMember.objects.filter(pk=membership.pk).update(person=survivor, updated_at=timezone.now())
        record.update({"membership": str(membership.pk), "merged": str(merged.pk)})
        return record
    open_here, open_there = _open_case(target), _open_case(source)
    if open_here is not None and open_there is not None:
        record["kept_apart"] = [str(open_here), str(open_there)]
        return record
    record.update({"from": str(source), "to": str(target)})
    has_principal = HouseholdMember.objects.filter(household_id=target, role=HouseholdRole.PRINCIPAL).exists()
    for member in HouseholdMember.objects.filter(household_id=source).exclude(person=merged).order_by("pk"):
        role = member.role
        if role == HouseholdRole.PRINCIPAL and has_principal:
            role = HouseholdRole.OTHER_DEPENDANT
        HouseholdMember.objects.filter(pk=member.pk).update(
            household_id=target, role=role, updated_at=timezone.now()
        )
        record["members"].append([str(member.pk), member.role])
    cases = [
        str(pk) for pk in Case.objects.filter(household_id=source).order_by("pk").values_list("pk", flat=True)
    ]
    _move_cases(cases, target)
    record["cases"] = cases
    return record


def separate(record: dict[str, Any]) -> None:
    """Undo `combine`: every member, case and membership back where it was, with its role."""
    if record.get("membership"):
        HouseholdMember.objects.filter(pk=record["membership"]).update(
            person_id=record["merged"], updated_at=timezone.now()
        )
        return
    if record.get("from") is None:
        return
    source, target = record["from"], record["to"]
    if record.get("cases"):
        _move_cases(record["cases"], source)
    for member_id, role in record.get("members", []):
        HouseholdMember.objects.filter(pk=member_id, household_id=target).update(
            household_id=source, role=role, updated_at=timezone.now()
        )


def refresh(*household_ids: Any) -> None:
    """The households' current country and deadlines, after stays or members moved between them."""
    for household in Household.objects.filter(pk__in=household_ids).order_by("pk"):
        refresh_household_stay_summary(household)
