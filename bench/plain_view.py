"""The limit of the stack for the intake benchmark: a plain Django view that inserts the rows one submission
inserts, through the ORM (one INSERT per row, as the services do), with no encryption, audit or validation.

Served by the same gunicorn as Herzen (bench/server.py) with bench/plain_settings.py, so the difference between
the two throughputs is the cost of Herzen's safety, apart from the cost of Django. The tables are pgbench's
scratch tables (bench/intake_throughput.py): a bigint key, a unique uuid and a text payload as wide as the
Herzen table's average row. `BENCH_PLAIN_ROWS` holds {table: [rows per submission, payload bytes]}.
"""

import json
import os
import threading
import uuid
from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as herzen_urlpatterns

SCRATCH_PREFIX = "bench_pgbench_"


@cache
def _tables() -> list[tuple[type[models.Model], int, str]]:
    tables = []
    for table, (count, payload) in json.loads(os.environ.get("BENCH_PLAIN_ROWS", "{}")).items():
        meta = type(
            "Meta", (), {"app_label": "bench_plain", "managed": False, "db_table": SCRATCH_PREFIX + table}
        )
        fields = {
            "id": models.BigAutoField(primary_key=True),
            "ref": models.UUIDField(default=uuid.uuid4, unique=True),
            "payload": models.TextField(),
            "Meta": meta,
            "__module__": __name__,
        }
        tables.append((type(f"Plain_{table}", (models.Model,), fields), count, "x" * payload))
    return tables


_defining = threading.Lock()  # a gthread worker's threads must not define the models twice


@csrf_exempt
@login_not_required  # like the applicant's intake pages
def plain_insert(request: HttpRequest) -> HttpResponse:
    with _defining:
        tables = _tables()
    with transaction.atomic():
        for model, count, payload in tables:
            for _ in range(count):
                model.objects.create(payload=payload)
    return HttpResponse(status=204)


urlpatterns = [path("plain/", plain_insert), *herzen_urlpatterns]
