"""Run in a separate process against a restored database: `herzen audit verify`, then print what a person's
record and an evidence file read (used by the restore drill in test_backup.py)."""

import hashlib
import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

evidence_dir, signing_key, checkpoints, person_id, evidence_id = sys.argv[1:6]
settings.HERZEN_EVIDENCE_DIR = evidence_dir
settings.HERZEN_AUDIT_SIGNING_KEY_FILE = signing_key
settings.HERZEN_AUDIT_GENERATE_KEY = False
settings.HERZEN_AUDIT_CHECKPOINT_DIR = checkpoints

from herzen.evidence import storage  # noqa: E402
from herzen.evidence.models import EvidenceItem  # noqa: E402
from herzen.people.models import Person  # noqa: E402

call_command("audit", "verify", "--checkpoints", checkpoints)
person = Person.objects.get(pk=person_id)
documents = sorted(d.number for d in person.documents.all())
item = EvidenceItem.objects.select_related("case").get(pk=evidence_id)
content = storage.read(item.stored_name, owner=storage.owner_of(item))
print(
    "RESULT "
    + json.dumps(
        {
            "surname": person.surname,
            "given_name": person.given_name,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "documents": documents,
            "file_sha256": hashlib.sha256(content).hexdigest(),
        },
        ensure_ascii=False,
    )
)
