"""Every action the code records is declared in the registry of audit actions (herzen.audit.actions).

Read from the source: a service that records an action nobody declared would fail only when it runs, and a
rarely run one (a retention job, a rare transition) might reach production first. `audit.record` refuses it
at run time as well."""

import ast
import re
from pathlib import Path

from herzen.audit import actions

ROOT = Path(__file__).resolve().parents[2]


def _recorded_actions() -> list[tuple[str, str]]:
    """(where, action or a regular expression for an f-string) of every audit.record/record_each call."""
    found = []
    for path in sorted((ROOT / "herzen").rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        source = path.read_text(encoding="utf-8")
        if "audit.record" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"record", "record_each"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            value = next((k.value for k in node.keywords if k.arg == "action"), None)
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.append((where, re.escape(value.value)))
            elif isinstance(value, ast.JoinedStr):
                parts = [
                    re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_]+" for v in value.values
                ]
                found.append((where, "".join(parts)))
            else:
                found.append((where, "<not a literal: name the action in the call>"))
    return found


def test_the_scan_finds_the_calls():
    recorded = dict(_recorded_actions())
    assert len(recorded) > 50
    assert re.escape("case.priority_refresh") in recorded.values()


def test_every_recorded_action_is_declared():
    declared = [action.name for action in actions.registered()]
    undeclared = [
        (where, pattern)
        for where, pattern in _recorded_actions()
        if not any(re.fullmatch(pattern, name) for name in declared)
    ]
    assert undeclared == []
