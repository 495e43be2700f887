"""The case-priority weights in force: the domain's defaults, with the deployment's JSON file merged over them."""

import functools
import json
from pathlib import Path

from django.conf import settings

from herzen.domain.risk import PriorityWeights, load_priority_weights


@functools.cache
def priority_weights() -> PriorityWeights:
    path = getattr(settings, "HERZEN_PRIORITY_WEIGHTS_FILE", "")
    # An organisation can tune what counts as urgent without a code change; a malformed file fails loudly here.
    document = json.loads(Path(path).read_text(encoding="utf-8")) if path else None
    return load_priority_weights(document)
