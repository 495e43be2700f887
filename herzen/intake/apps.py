from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "herzen.intake"
    label = "intake"

    def ready(self) -> None:
        from herzen.audit.models import AuditEvent
        from herzen.encryption.keys import register_erasure_record

        def purge_recorded(draft_id: str) -> bool:
            # A draft's key is shredded only when the expired draft is purged (drafts_purge_expired).
            return AuditEvent.objects.filter(
                action="intake_draft.purge", target_type="intake.intakedraft", target_id=draft_id
            ).exists()

        register_erasure_record("intake_draft", purge_recorded)
