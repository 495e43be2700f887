"""The retention job over every organisation, and its report (kinds, counts, household ids; no personal data)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from herzen.domain.retention import ErasureDue, RetentionPolicy
from herzen.organisations.models import Organisation
from herzen.retention.identity import retention_actor
from herzen.retention.policy import retention_policy
from herzen.retention.services import organisation_retention_run


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    policy_version: str
    # (organisation id, what was due) for every household erased (or, in a dry run, due).
    erased: list[tuple[str, ErasureDue]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(item.kind.value for _org, item in self.erased).items()))

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "policy_version": self.policy_version,
            "counts": self.counts(),
            "households": [
                {
                    "organisation_id": organisation_id,
                    "household_id": item.household_id,
                    "kind": item.kind.value,
                    "anchor": item.anchor.isoformat(),
                    "due_on": item.due_on.isoformat(),
                }
                for organisation_id, item in self.erased
            ],
        }

    def summary(self) -> str:
        verb = "due (dry run, nothing erased)" if self.dry_run else "erased"
        lines = [
            f"Retention policy {self.policy_version}, as of {self.today.isoformat()}: {len(self.erased)} household(s) {verb}."
        ]
        lines += [f"  {kind}: {count}" for kind, count in self.counts().items()]
        lines += [
            f"  {item.kind.value} household {item.household_id} (organisation {org}, due {item.due_on.isoformat()})"
            for org, item in self.erased
        ]
        return "\n".join(lines)


def retention_run(
    *, today: date, dry_run: bool = False, policy: RetentionPolicy | None = None
) -> RetentionReport:
    policy = policy or retention_policy()
    report = RetentionReport(today=today, dry_run=dry_run, policy_version=policy.version)
    for organisation in Organisation.objects.order_by("created_at"):
        due = organisation_retention_run(
            actor=retention_actor(organisation), policy=policy, today=today, dry_run=dry_run
        )
        report.erased.extend((str(organisation.pk), item) for item in due)
    return report
