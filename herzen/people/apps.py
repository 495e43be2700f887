from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "herzen.people"
    label = "people"

    def ready(self) -> None:
        from herzen.encryption.keys import register_erasure_record
        from herzen.people.services.erasure import household_erasure_recorded, person_erasure_recorded

        # A shredded key of a person or household reads as "[erased]" only when its erasure was audited.
        register_erasure_record("person", person_erasure_recorded)
        register_erasure_record("household", household_erasure_recorded)
