"""The applicant's pages: anonymous, one topic per page, no JavaScript needed, in the applicant's language.

A browser is tied to a draft only through the session (the session cookie and the CSRF cookie are the only
cookies): starting an application or opening a private link puts the draft's id there. The private link's
token never appears in any other URL, so it does not leak through history or the Referer header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.core.languages import self_name
from herzen.evidence import pipeline
from herzen.intake import forms as intake_forms
from herzen.intake import selectors, services
from herzen.intake.identity import applicant_actor
from herzen.intake.member_forms import MemberForm
from herzen.intake.models import IntakeDraft
from herzen.intake.steps import (
    STEP_NAMES,
    STEP_TITLES,
    STEPS,
    missing_steps,
    next_step,
    previous_step,
    to_json,
)
from herzen.intake.summary import describe_document, describe_member, summary_sections

SESSION_KEY = "herzen_intake_draft"
View = Callable[..., HttpResponse]


def language_choices() -> list[tuple[str, str]]:
    return [(code, self_name(code)) for code, _name in settings.LANGUAGES]


def _private(response: HttpResponse, language: str) -> HttpResponse:
    add_never_cache_headers(response)  # nothing about an applicant stays in a shared browser's cache
    response["Content-Language"] = language
    return response


def public_page(view: View) -> View:
    """An applicant's page without a draft (start, lost link): in the browser's language."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _private(view(request, *args, **kwargs), translation.get_language())

    return wrapper


def draft_page(view: View) -> View:
    """An applicant's page for the draft bound to this session, in the draft's language."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        draft_id = request.session.get(SESSION_KEY)
        draft = selectors.draft_by_id(draft_id) if draft_id else None
        if draft is None:
            request.session.pop(SESSION_KEY, None)
            return redirect("intake:start")
        with translation.override(draft.language):
            request.LANGUAGE_CODE = draft.language  # type: ignore[attr-defined]
            try:
                response = view(request, draft, *args, **kwargs)
            except NotFound:
                raise Http404 from None
            except Conflict:  # e.g. changing an application already sent
                response = redirect("intake:status")
            return _private(response, draft.language)

    return wrapper


def _bind(request: HttpRequest, draft: IntakeDraft) -> None:
    request.session.cycle_key()  # a new session id whenever the draft changes hands
    request.session[SESSION_KEY] = str(draft.pk)


def _private_link(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("intake:link", args=[token]))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, f"intake/{template}", context, status=status)


# --- Starting, links --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@public_page
def start_view(request: HttpRequest) -> HttpResponse:
    form = intake_forms.LanguageForm(
        request.POST or None, languages=language_choices(), initial={"language": translation.get_language()}
    )
    if request.method == "POST" and form.is_valid():
        issued = services.draft_start(actor=applicant_actor(), language=form.cleaned_data["language"])
        _bind(request, issued.draft)
        with translation.override(issued.draft.language):
            response = _render(
                request,
                "link_issued.html",
                {"link": _private_link(request, issued.token), "reason": "started", "draft": issued.draft},
            )
        return _private(response, issued.draft.language)
    has_draft = bool(request.session.get(SESSION_KEY))
    return _render(request, "start.html", {"form": form, "has_draft": has_draft})


@require_GET
@login_not_required
def link_view(request: HttpRequest, token: str) -> HttpResponse:
    draft = selectors.draft_for_token(token)
    if draft is None:
        return _private(_render(request, "link_invalid.html", {}, status=404), translation.get_language())
    _bind(request, draft)
    response = redirect("intake:status" if draft.is_submitted else "intake:overview")
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
@public_page
def lost_link_view(request: HttpRequest) -> HttpResponse:
    form = intake_forms.ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.link_resend_by_email(
            actor=applicant_actor(), email=form.cleaned_data["email"], base_url=_base_url(request)
        )
        return _render(request, "lost_link.html", {"form": None, "sent": True})
    return _render(request, "lost_link.html", {"form": form, "sent": False})


@require_POST
@draft_page
def link_resend_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    link = services.link_resend(actor=applicant_actor(), draft_id=draft.pk, base_url=_base_url(request))
    return _render(
        request,
        "link_sent.html",
        {
            "draft": draft,
            "throttled": link is None,
            "delivered": link is not None and link.delivery == "email",
        },
    )


@require_POST
@draft_page
def link_revoke_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    issued = services.links_revoke(actor=applicant_actor(), draft_id=draft.pk)
    _bind(request, issued.draft)
    return _render(
        request,
        "link_issued.html",
        {"link": _private_link(request, issued.token), "reason": "revoked", "draft": issued.draft},
    )


@require_http_methods(["GET", "POST"])
@draft_page
def language_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    form = intake_forms.LanguageForm(
        request.POST or None, languages=language_choices(), initial={"language": draft.language}
    )
    if request.method == "POST" and form.is_valid():
        services.draft_set_language(
            actor=applicant_actor(), draft_id=draft.pk, language=form.cleaned_data["language"]
        )
        return redirect("intake:status" if draft.is_submitted else "intake:overview")
    return _render(request, "language.html", {"form": form, "draft": draft})


# --- The questions ------------------------------------------------------------------------------------------


def _overview_rows(draft: IntakeDraft) -> list[dict[str, Any]]:
    return [
        {
            "slug": slug,
            "title": title,
            "done": bool(draft.answers.get(slug)) or (slug == "evidence" and draft.uploads.exists()),
        }
        for slug, title in STEPS
    ]


@require_GET
@draft_page
def overview_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    if draft.is_submitted:
        return redirect("intake:status")
    return _render(
        request,
        "overview.html",
        {"draft": draft, "rows": _overview_rows(draft), "missing": missing_steps(draft.answers)},
    )


def _step_context(draft: IntakeDraft, step: str, **extra: Any) -> dict[str, Any]:
    index = STEP_NAMES.index(step)
    back = previous_step(step)
    return {
        "draft": draft,
        "step": step,
        "title": STEP_TITLES[step],
        "number": index + 1,
        "total": len(STEP_NAMES),
        "back_url": reverse("intake:step", args=[back]) if back else reverse("intake:overview"),
        **extra,
    }


def _after_save(request: HttpRequest, step: str) -> HttpResponse:
    # From "check your answers" a change goes back there; otherwise on to the next topic.
    if request.POST.get("return") == "check":
        return redirect("intake:check")
    following = next_step(step)
    return redirect("intake:check" if following == "check" else reverse("intake:step", args=[following]))


def _organisation_choices(draft: IntakeDraft) -> list[tuple[str, str]]:
    country = draft.answers.get("location", {}).get("country", "")
    return [
        (str(o.pk), f"{o.name}{', ' + o.city if o.city else ''}")
        for o in selectors.organisations_accepting_intake(country)
    ]


SIMPLE_FORMS = {
    "about": intake_forms.AboutForm,
    "location": intake_forms.LocationForm,
    "risks": intake_forms.RisksForm,
    "declarations": intake_forms.DeclarationsForm,
    "needs": intake_forms.NeedsForm,
    "organisation": intake_forms.OrganisationForm,
}
LIST_STEPS = {
    "household": ("members", MemberForm),
    "documents": ("items", intake_forms.DocumentForm),
}


@require_http_methods(["GET", "POST"])
@draft_page
def step_view(request: HttpRequest, draft: IntakeDraft, step: str) -> HttpResponse:
    if draft.is_submitted:
        return redirect("intake:status")
    if step in LIST_STEPS:
        return _list_step(request, draft, step)
    if step == "evidence":
        return _evidence_step(request, draft)
    if step not in SIMPLE_FORMS:
        raise Http404
    kwargs: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    if step == "risks":
        kwargs["people"] = _concerns_choices(draft)
    if step == "organisation":
        kwargs["organisations"] = _organisation_choices(draft)
        extra["country"] = draft.answers.get("location", {}).get("country", "")
    saved = draft.answers.get(step) or None
    form = SIMPLE_FORMS[step](request.POST if request.method == "POST" else None, initial=saved, **kwargs)
    if request.method == "POST" and form.is_valid():
        answers = _json(form.cleaned_data)
        try:
            draft = services.draft_save_step(
                actor=applicant_actor(),
                draft_id=draft.pk,
                step=step,
                answers=answers,
                organisation_id=answers.get("organisation") if step == "organisation" else None,
            )
        except Invalid as error:
            for name, messages in error.fields.items():
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            if step == "location" and request.POST.get("return") != "check":
                # Show the computed deadline before moving on: it is the most urgent thing they learn here.
                return redirect(reverse("intake:step", args=["location"]) + "?saved=1#deadline")
            return _after_save(request, step)
    if step == "location" and saved:
        extra["deadline"] = selectors.deadline_preview(saved)
        extra["saved"] = request.GET.get("saved") == "1"
        extra["next_url"] = reverse("intake:step", args=[next_step(step)])
    return _render(
        request,
        "step.html",
        _step_context(
            draft,
            step,
            form=form,
            returning=request.GET.get("return") == "check" or request.POST.get("return") == "check",
            **extra,
        ),
        status=400 if form.errors else 200,
    )


def _json(cleaned: dict[str, Any]) -> dict[str, Any]:
    return to_json(cleaned)


def _list_step(request: HttpRequest, draft: IntakeDraft, step: str) -> HttpResponse:
    key, form_class = LIST_STEPS[step]
    items = list(draft.answers.get(step, {}).get(key, []))
    form = form_class()
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action == "add":
            form = form_class(request.POST)
            if form.is_valid():
                items.append(_json(form.cleaned_data))
                services.draft_save_step(
                    actor=applicant_actor(), draft_id=draft.pk, step=step, answers={key: items}
                )
                return redirect(reverse("intake:step", args=[step]) + "#added")
        elif action.startswith("remove-"):
            index = int(action.removeprefix("remove-")) if action.removeprefix("remove-").isdigit() else -1
            if 0 <= index < len(items):
                items.pop(index)
                services.draft_save_step(
                    actor=applicant_actor(), draft_id=draft.pk, step=step, answers={key: items}
                )
            return redirect(reverse("intake:step", args=[step]))
        else:  # continue: an empty list is an answer too ("I apply alone", "I have no papers left")
            services.draft_save_step(
                actor=applicant_actor(), draft_id=draft.pk, step=step, answers={key: items, "visited": True}
            )
            return _after_save(request, step)
    return _render(
        request,
        "list_step.html",
        _step_context(
            draft,
            step,
            form=form,
            items=_describe_items(step, items),
            returning=request.GET.get("return") == "check",
        ),
        status=400 if form.errors else 200,
    )


def _describe_items(step: str, items: list[dict[str, Any]]) -> list[str]:
    describe = describe_member if step == "household" else describe_document
    return [describe(item) for item in items]


def _concerns_choices(draft: IntakeDraft) -> list[tuple[str, str]]:
    """ "Whom does it concern?": the applicant, or a household member by position (as the answers hold them)."""
    members = draft.answers.get("household", {}).get("members", [])
    return [("", _("Me")), *((str(i), describe_member(m)) for i, m in enumerate(members))]


def _evidence_step(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    concerns = _concerns_choices(draft)
    form = intake_forms.UploadForm(concerns=concerns)
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action == "upload":
            form = intake_forms.UploadForm(request.POST, request.FILES, concerns=concerns)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                limit = settings.HERZEN_INTAKE_UPLOAD_MAX_BYTES
                try:
                    if upload.size > limit:  # refused before reading it into memory
                        raise pipeline.FileRejected("too_large", max_bytes=limit)
                    services.upload_add(
                        actor=applicant_actor(),
                        draft_id=draft.pk,
                        data=upload.read(),
                        original_name=upload.name or "",
                        kind=form.cleaned_data["kind"],
                        concerns=form.cleaned_data.get("concerns", ""),
                    )
                except pipeline.FileRejected as rejected:
                    form.add_error("file", rejected.message())
                else:
                    return redirect(reverse("intake:step", args=["evidence"]) + "#uploaded")
        elif action.startswith("remove-"):
            services.upload_remove(
                actor=applicant_actor(), draft_id=draft.pk, upload_id=action.removeprefix("remove-")
            )
            return redirect(reverse("intake:step", args=["evidence"]))
        else:
            services.draft_save_step(
                actor=applicant_actor(), draft_id=draft.pk, step="evidence", answers={"visited": True}
            )
            return _after_save(request, "evidence")
    names = dict(concerns)
    return _render(
        request,
        "evidence.html",
        _step_context(
            draft,
            "evidence",
            form=form,
            files=[(f, names.get(f.concerns, names[""])) for f in draft.uploads.all()],
            max_mb=settings.HERZEN_INTAKE_UPLOAD_MAX_BYTES // (1024 * 1024),
        ),
        status=400 if form.errors else 200,
    )


# --- Check, submit, status ----------------------------------------------------------------------------------


# Where an applicant corrects what the services refused at submission (dates that cannot be: an entry before
# the date of birth, a child born before the parent), by the field the service named.
SUBMIT_ERROR_STEPS = {
    "entry_date": "location",
    "authorised_until": "location",
    "issue_date": "documents",
    "expiry_date": "documents",
    "date_of_birth": "household",
    "role": "household",
}


def _submit_errors(error: Invalid) -> list[tuple[str, str]]:
    """Each message of a refused submission, with the step to correct it in ("" if none fits)."""
    errors = [
        (message, SUBMIT_ERROR_STEPS.get(name.rsplit(".", 1)[-1], ""))
        for name, messages in error.fields.items()
        for message in messages
    ]
    return errors or [(error.message, "")]


@require_http_methods(["GET", "POST"])
@draft_page
def check_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    if draft.is_submitted:
        return redirect("intake:status")
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            submitted = services.draft_submit(actor=applicant_actor(), draft_id=draft.pk)
        except Invalid as error:
            errors = _submit_errors(error)
        else:
            # No new private link: the one shown once when the application was started stays valid.
            status = selectors.applicant_status(submitted)
            return _render(request, "confirmation.html", {"draft": submitted, "status": status})
    missing = missing_steps(draft.answers)
    return _render(
        request,
        "check.html",
        {
            "draft": draft,
            "sections": summary_sections(draft),
            "missing": [(slug, STEP_TITLES[slug]) for slug in missing],
            "errors": errors,
            "files": list(draft.uploads.all()),
        },
        status=400 if errors else 200,
    )


@require_GET
@draft_page
def status_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    if not draft.is_submitted:
        return redirect("intake:overview")
    from herzen.intake.notice_views import notices_context  # the notices section (herzen.notifications)
    from herzen.intake.proposal_views import proposals_context  # places proposed (herzen.resettlement)

    context = {
        "draft": draft,
        "status": selectors.applicant_status(draft),
        **notices_context(draft),
        **proposals_context(draft),
    }
    return _render(request, "status.html", context)
