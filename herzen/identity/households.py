"""Combining the merged person's household and cases with the survivor's, and putting them back (docs/adr/0095).

A household's cases carry rows sealed with the household's data key (notes, evidence, application records,
grants, resettlement needs and proposals): they are found from the models' own `data_key_owner`, opened with
the old household's key before a case moves and sealed again with the new one after. What moved is returned
as plain ids and roles, for the merge's sealed undo record.

One household keeps one open case: when both households have one, everything of the merged one (applications,
evidence, notes, aid, needs, any row with a foreign key to a case) moves into the survivor's, and the emptied
case is closed, keeping its reference and history. When that would break a rule of those rows (two unfinished
applications to one pathway, two rows where a case may have one), nothing of the households moves and the merge
names both cases so the caseworker combines them by hand.
"""

from datetime import datetime
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


def _opened_rows(case_ids: list[Any]) -> list[tuple[type[models.Model], Any, dict[str, Any]]]:
    """The household-sealed rows of these cases, opened while the cases are still where they were."""
    rows = []
    for model, to_case in _household_sealed_models():
        for row in model._default_manager.filter(**{f"{to_case}__in": case_ids}).order_by("pk"):
            opened = {field.attname: getattr(row, field.attname) for field in encrypted_fields(model)}
            rows.append((model, row.pk, opened))
    return rows


def _seal_again(rows: list[tuple[type[models.Model], Any, dict[str, Any]]]) -> None:
    """Each row loaded afresh (its case, and so its household, as they are now) and sealed with that key."""
    for model, pk, opened in rows:
        row = model._default_manager.get(pk=pk)
        for name, value in opened.items():
            setattr(row, name, value)
        row.save(update_fields=[*opened])


def _case_relations() -> list[Any]:
    """Every foreign key to a case, from any app (hidden reverse relations too)."""
    return [
        relation
        for relation in Case._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]


def _clash(relation: Any, here: Any, there: Any) -> bool:
    """Would moving the rows of case `there` to case `here` break a uniqueness rule of theirs?"""
    model, field = relation.related_model, relation.field
    rows = model._default_manager.all()
    rules = [(rows, [])] if field.unique else []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in constraint.fields:
            chosen = rows.filter(constraint.condition) if constraint.condition is not None else rows
            rules.append((chosen, [name for name in constraint.fields if name != field.name]))
    for together in model._meta.unique_together:
        if field.name in together:
            rules.append((rows, [name for name in together if name != field.name]))
    for chosen, others in rules:
        if not others:
            if chosen.filter(**{field.name: here}).exists() and chosen.filter(**{field.name: there}).exists():
                return True
            continue
        mine = set(chosen.filter(**{field.name: here}).values_list(*others))
        if mine & set(chosen.filter(**{field.name: there}).values_list(*others)):
            return True
    return False


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
    relations = _case_relations()
    both_open = open_here is not None and open_there is not None
    if both_open and any(_clash(relation, open_here, open_there) for relation in relations):
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
    rows = _opened_rows(cases)
    if both_open:
        record["combined"] = _combine_cases(relations, open_here, open_there)
    Case.objects.filter(pk__in=cases).update(household_id=target, updated_at=timezone.now())
    _seal_again(rows)
    record["cases"] = cases
    return record


def _combine_cases(relations: list[Any], here: Any, there: Any) -> dict[str, Any]:
    """Everything of open case `there` (applications, evidence, notes, aid, needs...) moves to open case `here`;
    `there` is closed, empty, with its own history. Returns what undoing needs."""
    closing = Case.objects.get(pk=there)
    moved = []
    for relation in relations:
        model, field = relation.related_model, relation.field
        found = model._default_manager.filter(**{field.name: there}).order_by("pk")
        pks = list(found.values_list("pk", flat=True))
        model._default_manager.filter(pk__in=pks).update(**{field.attname: here})
        moved.extend([model._meta.label, str(pk), field.name] for pk in pks)
    Case.objects.filter(pk=there).update(
        status=CaseStatus.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
    )
    return {
        "case": str(there),
        "into": str(here),
        "status": closing.status,
        "closed_at": closing.closed_at.isoformat() if closing.closed_at else None,
        "rows": moved,
    }


def _split_cases(combined: dict[str, Any]) -> None:
    for label, pk, field in combined["rows"]:
        model = apps.get_model(label)
        model._default_manager.filter(pk=pk).update(
            **{model._meta.get_field(field).attname: combined["case"]}
        )


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
    combined = record.get("combined")
    involved = [*record.get("cases", []), *([combined["into"]] if combined else [])]
    rows = _opened_rows(involved)
    if combined:
        _split_cases(combined)
    Case.objects.filter(pk__in=record.get("cases", [])).update(household_id=source, updated_at=timezone.now())
    if combined:
        Case.objects.filter(pk=combined["case"]).update(
            status=combined["status"],
            closed_at=datetime.fromisoformat(combined["closed_at"]) if combined["closed_at"] else None,
        )
    _seal_again(rows)
    for member_id, role in record.get("members", []):
        HouseholdMember.objects.filter(pk=member_id, household_id=target).update(
            household_id=source, role=role, updated_at=timezone.now()
        )


def refresh(*household_ids: Any) -> None:
    """The households' current country and deadlines, after stays or members moved between them."""
    for household in Household.objects.filter(pk__in=household_ids).order_by("pk"):
        refresh_household_stay_summary(household)
