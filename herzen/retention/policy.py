"""The retention policy in force: the domain's defaults with the deployment's JSON file merged over them."""

import functools
import json
from pathlib import Path

from django.conf import settings

from herzen.domain.retention import RetentionPolicy, load_retention_policy


@functools.cache
def retention_policy() -> RetentionPolicy:
    path = getattr(settings, "HERZEN_RETENTION_POLICY_FILE", "")
    # A malformed file fails loudly here, before anything is erased.
    document = json.loads(Path(path).read_text(encoding="utf-8")) if path else None
    return load_retention_policy(document)
