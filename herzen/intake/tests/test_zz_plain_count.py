import re
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from herzen.intake import services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import make_draft


def test_count(receiving):
    issued = make_draft(receiving)
    actor = applicant_actor()
    with CaptureQueriesContext(connection) as c:
        services.draft_submit(actor=actor, draft_id=issued.draft.pk)
    print("QUERYCOUNT", connection.vendor, len(c.captured_queries))
    kinds = Counter()
    for q in c.captured_queries:
        sql = q["sql"]
        m = re.search(r'(FROM|INTO|UPDATE) "(\w+)"', sql)
        kinds[(sql.split()[0], m.group(2) if m else "")] += 1
    for k, v in sorted(kinds.items()):
        print("Q", k, v)
