"""The organisation's file on a household: its status, who holds it, and a few short caseworker notes.

Notes are written the way caseworkers write them, in Russian, and refer only to what the plan itself
contains (city, deadline, passport), never to real people or events.
"""

import random
from datetime import date

from herzen.demo.plans import CasePlan, Itinerary, PersonPlan

STATUS_WEIGHTS = {"open": 72, "on_hold": 12, "closed": 16}

GENERAL_NOTES = (
    "Первичная консультация по телефону. Семья сейчас в г. {city}, документы на руках.",
    "Первичная встреча в офисе. Обсудили документы и ближайшие сроки.",
    "Запросили копии документов, подтверждающих преследование (повестки, протоколы, публикации).",
    "Передали контакты партнёрской организации по временному жилью.",
    "Договорились о созвоне в Signal на следующей неделе.",
    "Предпочитает связь через Telegram: местный номер телефона бывает недоступен.",
    "Подготовили список документов для заявки на гуманитарную визу.",
    "Нужна консультация психолога; передали контакты специалиста.",
    "Помогли открыть счёт в местном банке: понадобились справка с адреса и перевод паспорта.",
    "Повторная встреча: новых рисков не выявлено, следующий контакт через месяц.",
)
DEADLINE_SOON = "Срок легального пребывания истекает {deadline}. Обсудили варианты: выезд или подача на ВНЖ."
DEADLINE_PASSED = "Срок легального пребывания истёк {deadline}. Срочно: консультация юриста по легализации."
ROLLING_WINDOW = "Напомнили правило: 90 дней в любые 180, выезд и повторный въезд срок не обнуляют."
PASSPORT_NOTES = {
    "expired": "Загранпаспорт просрочен ({expiry}). Обсудили, какие документы примет страна назначения.",
    "seized": "Загранпаспорт изъят на границе при выезде. Нужна справка для консульства страны назначения.",
    "renewal_refused": "Консульство отказало в выдаче нового загранпаспорта. Отказ зафиксирован, копия в деле.",
    "annulled": "Загранпаспорт аннулирован МВД. Проверяем, известно ли об этом пограничникам страны пребывания.",
}
CHILDREN_NOTE = "Детям нужна запись в школу; связались с родительским чатом в г. {city}."
REFUSAL_NOTE = "Въезд в Грузию был запрещён на границе без объяснения причин."
RESIDENCE_NOTE = "Подано заявление на ВНЖ, ждём решения миграционной службы."
ON_HOLD_NOTE = "Дело приостановлено: клиент временно не выходит на связь."
CLOSED_NOTES = (
    "Дело закрыто: запрошенная помощь оказана.",
    "Дело закрыто по просьбе клиента: семья продолжает с другой организацией.",
)


def plan_case(rng: random.Random, members: list[PersonPlan], itinerary: Itinerary, today: date) -> CasePlan:
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    assignee = rng.randint(0, 999) if rng.random() < 0.85 else None
    current = itinerary.stays[-1]
    notes = [rng.choice(GENERAL_NOTES).format(city=current.city)]
    deadline = itinerary.expected_deadline
    if deadline is not None and (deadline - today).days <= 30:
        template = DEADLINE_PASSED if deadline < today else DEADLINE_SOON
        notes.append(template.format(deadline=f"{deadline:%d.%m.%Y}"))
    if current.legal_basis == "visa_free" and current.country in ("KZ", "KG", "TR") and rng.random() < 0.5:
        notes.append(ROLLING_WINDOW)
    if current.legal_basis == "residence_permit" and rng.random() < 0.3:
        notes.append(RESIDENCE_NOTE)
    passport = next((d for d in members[0].documents if d.key == "intl"), None)
    if passport is not None and passport.status in PASSPORT_NOTES:
        notes.append(PASSPORT_NOTES[passport.status].format(expiry=f"{passport.expiry_date:%d.%m.%Y}"))
    if any(m.role == "child" and m.profession.startswith("школьн") for m in members) and rng.random() < 0.4:
        notes.append(CHILDREN_NOTE.format(city=current.city))
    if itinerary.refusals:
        notes.append(REFUSAL_NOTE)
    if rng.random() < 0.4:
        notes.append(rng.choice(GENERAL_NOTES).format(city=current.city))
    if status == "on_hold":
        notes.append(ON_HOLD_NOTE)
    elif status == "closed":
        notes.append(rng.choice(CLOSED_NOTES))
    return CasePlan(status=status, assignee=assignee, notes=tuple(dict.fromkeys(notes)))
