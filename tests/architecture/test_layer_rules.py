"""Rules the whole code base keeps (ARCHITECTURE.md): every service audits, every selector is scoped.

Read from the source with `ast`, so a new service or selector is checked the moment it is written.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

HERZEN = Path(__file__).resolve().parents[2] / "herzen"


def _modules(name: str) -> list[Path]:
    """Every `<app>/<name>.py` and every module of an `<app>/<name>/` package."""
    found = list(HERZEN.glob(f"*/{name}.py")) + list(HERZEN.glob(f"*/{name}/*.py"))
    return sorted(p for p in found if p.name != "__init__.py")


def _actor_functions(path: Path) -> Iterator[ast.FunctionDef]:
    """Public module-level functions whose keyword-only arguments include `actor`: the services/selectors."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        is_public = isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        if is_public and any(arg.arg == "actor" for arg in node.args.kwonlyargs):
            yield node


def _called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Attribute):
                names.add(target.attr)
                if isinstance(target.value, ast.Name):
                    names.add(f"{target.value.id}.{target.attr}")
            elif isinstance(target, ast.Name):
                names.add(target.id)
    return names


def _decorators(function: ast.FunctionDef) -> set[str]:
    return {ast.unparse(d) for d in function.decorator_list}


SERVICES = [(path, fn) for path in _modules("services") for fn in _actor_functions(path)]
SERVICE_NAMES = {fn.name for _, fn in SERVICES}
SELECTORS = [(path, fn) for path in _modules("selectors") for fn in _actor_functions(path)]
SELECTOR_NAMES = {fn.name for _, fn in SELECTORS}


def test_the_rule_finds_the_services_and_selectors_it_guards():
    assert {"case_open", "person_create", "stay_record", "membership_grant"} <= SERVICE_NAMES
    assert {"case_list", "person_get", "stay_list"} <= SELECTOR_NAMES


@pytest.mark.parametrize(("path", "service"), SERVICES, ids=lambda v: getattr(v, "name", ""))
def test_every_service_runs_in_a_transaction_and_audits(path, service):
    """No exemption for a service that calls others: it is `@transaction.atomic` (or opens `with
    transaction.atomic():`) and records what it did itself, so a reader sees both in its own body."""
    calls = _called_names(service)
    assert "transaction.atomic" in _decorators(service) | calls, f"{path.name}:{service.name} is not atomic"
    assert calls & {"audit.record", "audit.record_each"}, f"{path.name}:{service.name} writes no audit event"


def test_no_other_atomic_decorator():
    """Services use Django's transaction.atomic; the second decorator (herzen.core.transactions) is gone."""
    assert not (HERZEN / "core" / "transactions.py").exists()
    for path, service in SERVICES:
        assert _decorators(service) <= {"transaction.atomic"}, f"{path.name}:{service.name}"


@pytest.mark.parametrize(("path", "selector"), SELECTORS, ids=lambda v: getattr(v, "name", ""))
def test_every_selector_starts_from_the_actors_scope(path, selector):
    calls = _called_names(selector)
    source = ast.unparse(selector)
    scoped = (
        "for_actor" in calls
        or "get_scoped" in calls
        or bool(calls & (SELECTOR_NAMES - {selector.name}))
        or "actor.organisation_id" in source
        or "memberships__user=actor.user" in source  # the user's own memberships
    )
    assert scoped, f"{path.name}:{selector.name} does not scope its query to the actor"


@pytest.mark.parametrize("path", _modules("selectors") + _modules("views") + _modules("apis"), ids=str)
def test_no_unscoped_all_in_reads(path):
    assert ".objects.all()" not in path.read_text(encoding="utf-8"), f"{path} reads a whole table"
