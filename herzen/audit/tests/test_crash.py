"""kill -9 in the middle of a load, with real processes on PostgreSQL: writers (standing in for web worker
processes: each commits transactions that insert audit events) and the sequencer. Every event whose commit a
writer saw is in the chain afterwards, placed exactly once, and the chain has no gap. (SQLite: skipped — its
single writer and file lock make concurrent processes a different test, and the property rests on the same
"select what is unsequenced" rule the other tests check.)"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from herzen.audit import chain
from herzen.audit.models import AuditEvent

pytestmark = [
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs several processes on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

WRITER = """
import sys, django
django.setup()
from django.db import transaction
from django.utils import timezone
from herzen.audit import chain
from herzen.audit.models import AuditEvent
for n in range(int(sys.argv[1])):
    with transaction.atomic():
        events = chain.insert([
            AuditEvent(occurred_at=timezone.now(), action="test.load", target_type="t", target_id=f"{sys.argv[2]}-{n}-{k}")
            for k in range(3)
        ])
    print(" ".join(str(event.pk) for event in events), flush=True)
"""


def environment():
    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}


def start_writer(name, transactions):
    return subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WRITER, str(transactions), name],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )


def start_sequencer(directory):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "herzen.cli", "sequencer", "--poll", "0.2", "--dir", str(directory)],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def unsequenced():
    return AuditEvent._base_manager.filter(sequence__isnull=True).count()


def test_kill_9_of_the_sequencer_and_of_a_writer_loses_no_committed_event_and_leaves_no_gap(tmp_path):
    connection.close()  # the subprocesses use the test database; this process only reads it afterwards
    steady = start_writer("steady", 150)
    doomed = start_writer("doomed", 100_000)  # killed long before it finishes
    sequencer = start_sequencer(tmp_path)
    time.sleep(2.0)
    sequencer.send_signal(signal.SIGKILL)  # mid-load, likely mid-pass
    sequencer.wait()
    doomed.send_signal(signal.SIGKILL)  # likely mid-transaction
    time.sleep(0.5)
    sequencer = start_sequencer(tmp_path)
    committed = {int(pk) for line in steady.communicate(timeout=120)[0].split() for pk in [line]}
    committed |= {int(pk) for pk in doomed.communicate(timeout=10)[0].split()}
    try:
        deadline = time.monotonic() + 60
        while unsequenced() and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        sequencer.send_signal(signal.SIGTERM)
        sequencer.wait(timeout=30)

    assert steady.returncode == 0
    assert doomed.returncode == -signal.SIGKILL
    stored = dict(AuditEvent._base_manager.values_list("id", "sequence"))
    assert committed <= set(stored), "a committed event was lost"
    assert len(committed) >= 450
    assert sorted(stored.values()) == list(range(1, len(stored) + 1)), "a gap or an unplaced event"
    assert chain.verify_chain("audit").problem is None
