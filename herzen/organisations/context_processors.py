from herzen.organisations.selectors import organisation_switch_choices


def actor(request):  # type: ignore[no-untyped-def]
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated:
        return {}
    return {"actor": actor, "organisation_choices": organisation_switch_choices(actor=actor)}
