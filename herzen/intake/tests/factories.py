"""Drafts built through the intake services, as an applicant's answers would be saved."""

from datetime import timedelta

from django.utils import timezone

from herzen.intake import services
from herzen.intake.identity import applicant_actor


def complete_answers(organisation_id: object, *, country: str = "GE") -> dict[str, dict]:
    today = timezone.localdate()
    return {
        "about": {
            "surname": "Щукина",
            "given_name": "Анна",
            "patronymic": "Сергеевна",
            "sex": "F",
            "date_of_birth": "1990-12-31",
            "latin1_surname": "SHCHUKINA",
            "latin1_given_name": "ANNA",
            "latin2_surname": "",
            "latin2_given_name": "",
            "citizenships": ["RU"],
            "other_citizenship": "",
            "email": "anna@example.org",
            "phone": "+995 555 123 456",
            "telegram": "@anna_sch",
            "signal": "",
            "preferred": "telegram",
        },
        "household": {
            "members": [
                {
                    "surname": "Щукин",
                    "given_name": "Павел",
                    "patronymic": "Ильич",
                    "sex": "M",
                    "date_of_birth": "1988-03-02",
                    "role": "spouse_partner",
                },
                {
                    "surname": "Щукина",
                    "given_name": "Вера",
                    "patronymic": "Павловна",
                    "sex": "F",
                    "date_of_birth": "2016-05-17",
                    "role": "child",
                },
            ],
            "visited": True,
        },
        "location": {
            "country": country,
            "city": "Тбилиси",
            "entry_date": (today - timedelta(days=40)).isoformat(),
            "legal_basis": "visa_free",
            "authorised_until": "",
            "document_used": "international_passport",
        },
        "documents": {
            "items": [
                {
                    "document_type": "international_passport",
                    "number": "75 1234567",
                    "issuing_country": "RU",
                    "expiry_date": "2030-01-01",
                    "status": "valid",
                },
                {
                    "document_type": "internal_passport",
                    "number": "4510 123456",
                    "issuing_country": "RU",
                    "expiry_date": "",
                    "status": "seized",
                },
            ],
            "visited": True,
        },
        "risks": {
            "kinds": ["criminal_case", "foreign_agent"],
            "criminal_article": "207.3",
            "criminal_stage": "accused",
            "summons_date": "",
            "wanted_scope": "",
            "vulnerability": "",
            "narrative": "Обыск в марте, уголовное дело по 207.3.",
        },
        "declarations": {"borders": True, "destalinisation": True},
        "needs": {"pathway": "yes", "housing": True, "work": False, "financial": True, "other_needs": ""},
        "organisation": {"organisation": str(organisation_id)},
    }


def make_draft(organisation=None, *, language: str = "ru", answers: dict | None = None):
    actor = applicant_actor()
    issued = services.draft_start(actor=actor, language=language)
    steps = answers if answers is not None else (complete_answers(organisation.pk) if organisation else {})
    for step, values in steps.items():
        services.draft_save_step(
            actor=actor,
            draft_id=issued.draft.pk,
            step=step,
            answers=values,
            organisation_id=values.get("organisation") if step == "organisation" else None,
        )
    issued.draft.refresh_from_db()
    return issued
