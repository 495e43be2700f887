"""Job functions used by the runner's tests (module-level, as django-tasks imports them by path)."""

from herzen.jobs.runner import JobContext, job

CALLS: list[str] = []


@job(kind="test_flaky", label="Flaky test job", max_attempts=3, backoff_seconds=10)
def flaky(ctx: JobContext, *, fail_times: int) -> None:
    CALLS.append(str(ctx.job.pk))
    if ctx.job.attempts <= fail_times:
        raise RuntimeError("Ivanov Ivan 1980-01-01")  # a message with personal data: must never be stored
    ctx.set_outcome("done", 1)


@job(kind="test_counting", label="Counting test job", max_attempts=1)
def counting(ctx: JobContext, *, total: int) -> None:
    seen = []
    for done in range(1, total + 1):
        ctx.progress(done, total)
        seen.append(ctx.job.progress_done)
    ctx.store_result(name="count.txt", content_type="text/plain", content=f"{total} rows".encode())
