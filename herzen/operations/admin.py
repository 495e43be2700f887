from django.contrib import admin

from herzen.operations.models import Schedule, ScheduleRun


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("name", "period_seconds", "enabled", "last_run_at")
    fields = ("name", "period_seconds", "enabled", "last_run_at")
    readonly_fields = ("name", "last_run_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # schedules come from herzen.operations.schedules

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ("schedule", "started_at", "caught_up", "job")
    readonly_fields = ("schedule", "started_at", "caught_up", "job")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
