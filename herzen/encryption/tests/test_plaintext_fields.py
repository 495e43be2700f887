"""Every text column of every Herzen model is either encrypted or declared non-personal here, with a reason.

A new CharField, TextField or JSONField that holds what a person typed about a person must be an encrypted
field (herzen.encryption.fields); one that does not belongs in NOT_PERSONAL with the reason it is safe to
store in plaintext. Fields with choices hold a fixed vocabulary, never typed text, and pass by themselves.
"""

from django.apps import apps
from django.db import models

from herzen.encryption.fields import BlindIndexField, EncryptedMixin
from herzen.encryption.rows import SealedRow

IDENTIFIER = "an identifier, hash or code the system generates; no one types it"
NOT_PERSONAL: dict[str, str] = {
    # The audit trail names records, actions and fields, never values (herzen.audit).
    "audit.ChainHead.name": "the name of a hash chain",
    "audit.ChainHead.head_hash": IDENTIFIER,
    "audit.ChainHead.refused": "ids of audit events the sequencer refused",
    "audit.AuditEvent.mac": IDENTIFIER,
    "audit.AccessEvent.mac": IDENTIFIER,
    "audit.AuditEvent.entry_hash": IDENTIFIER,
    "audit.AuditEvent.action": "a stable dotted verb from the code",
    "audit.AuditEvent.target_type": "a model label",
    "audit.AuditEvent.target_id": IDENTIFIER,
    "audit.AuditEvent.parent_type": "a model label",
    "audit.AuditEvent.parent_id": IDENTIFIER,
    "audit.AuditEvent.changed_fields": "field names, never values",
    "audit.AccessEvent.entry_hash": IDENTIFIER,
    "audit.AccessEvent.target_type": "a model label",
    "audit.AccessEvent.target_id": IDENTIFIER,
    "audit.AccessEvent.via": "a URL name, never a path or query string",
    "audit.AccessEvent.categories": "names of data categories",
    # Keys and their rotations: owners are kinds and record ids.
    "encryption.DataKey.owner_type": "a kind of owner",
    "encryption.DataKey.owner_id": IDENTIFIER,
    "encryption.DataKey.kek_id": "the operator's name for a key-encryption key",
    "encryption.KeyRotation.target_kek_id": "the operator's name for a key-encryption key",
    # Staff accounts: the login needs them in plaintext (lookup by user name); staff are not the people
    # Herzen protects, and their names appear on every page they act on.
    "accounts.User.password": "a salted password hash",
    "accounts.User.username": "a staff member's login name, looked up by the login form",
    "accounts.User.first_name": "a staff member's name, shown to colleagues",
    "accounts.User.last_name": "a staff member's name, shown to colleagues",
    "accounts.User.email": "a staff member's work address",
    "accounts.StaffSession.session_key": IDENTIFIER,
    "api.ApiToken.name": "a staff member's label for a machine client",
    "api.ApiToken.key_prefix": IDENTIFIER,
    "api.ApiToken.key_hash": IDENTIFIER,
    # Organisations and policy are public facts about NGOs and states, not about a person.
    "organisations.Organisation.name": "an organisation's public name",
    "organisations.Organisation.country": "an ISO country code",
    "organisations.Organisation.city": "where an organisation works",
    "pathways.PolicyRegime.name": "the name of a government programme",
    "pathways.PolicyRegime.rule_set_version": "a version label of a rule set",
    "pathways.PolicyRegime.rule_set": "eligibility rules as data, about no one",
    "pathways.Application.destination_country": "an ISO country code",
    "pathways.Application.state": "a state name from the pathway's table",
    "pathways.ApplicationReferral.transition": "a move name from the pathway's table",
    "pathways.ApplicationStateChange.from_state": "a state name from the pathway's table",
    "pathways.ApplicationStateChange.to_state": "a state name from the pathway's table",
    "pathways.ApplicationStateChange.transition": "a move name from the pathway's table",
    "pathways.ApplicationDecision.transition": "a move name from the pathway's table",
    "pathways.ApplicationDeadline.kind": "a deadline kind from the pathway's table",
    # The person record: only codes and blind indexes stay in plaintext.
    "people.Person.languages": "ISO language codes",
    "evidence.EvidenceItem.original_sha256": IDENTIFIER,
    "intake.IntakeUpload.concerns": "the position of a household member in the draft (a number), not a name",
    # Background jobs (herzen.jobs): what ran, for whom by id, and how it ended; never a person's data.
    "jobs.Job.task_path": "the dotted path of a function in Herzen's code",
    "jobs.Job.kind": "a job kind from the code",
    "jobs.Job.params": "ids and choices (file format, authority id) the job was started with, never typed text",
    "jobs.Job.idempotency_key": IDENTIFIER,
    "jobs.Job.error": "the kind of failure only (a class of error from the code), never its details",
    "jobs.Job.result_name": "a file name Herzen makes (referrals-<date>.xlsx), never typed",
    "jobs.Job.result_content_type": "a media type",
    "jobs.Job.outcome": "counts and codes of what the job did",
    "jobs.WorkerHeartbeat.hostname": "the name of the server a worker runs on",
    "jobs.WorkerHeartbeat.worker_id": IDENTIFIER,
    "notifications.ApplicantSubscription.language": "a language code",
    "notifications.StaffNoticeSettings.language": "a staff language code",
    "statistics.StatisticsRelease.period": "the month a release covers",
    "statistics.StatisticsRelease.tables": "noisy aggregate counts per measure and cell (differential privacy), no person",
    "notifications.ApplicantSubscription.telegram_link_hash": "a hash of a one-time token",
    "notifications.Notification.dedupe_key": IDENTIFIER,
    "notifications.Notification.link": "a URL of a Herzen page (ids only)",
    "notifications.Notification.params": "a case reference, a job kind or an id: what the notice's fixed text names",
    "operations.Schedule.name": "the name of a schedule from the code",
    "organisations.StaffInvitation.token_hash": "a hash of a one-time token",
    "people.Declaration.wording": "the programme's published wording, the same for everyone in that language",
    "people.Declaration.wording_version": "a version label of the published wording",
    "people.Declaration.language": "a language code",
    "people.PersonNameKey.key": "a truncated blind index (HMAC), never the name",
    "cases.Case.reference": "a generated reference number",
    "cases.Case.priority_explanation": "ids, weights and rule names, never names (herzen.domain.risk)",
    "sharing.SharingConsent.parts": "names of record parts from a fixed vocabulary",
    "identity.DuplicatePair.levels": "codes of the linkage model's comparison outcomes, never values",
    # Resettlement (issue 17): offers are an organisation's public listing of homes and jobs, not about a person;
    # a household's destination country is the pathway's (also plaintext on the application); runs keep codes.
    "resettlement.HouseholdNeeds.destination_country": "an ISO country code, as on the application",
    "resettlement.MatchRun.destination_country": "an ISO country code",
    "resettlement.MatchRun.method": "the solver's name from the code",
    "resettlement.MatchRun.reserved": "offer ids and prices (numbers) of the dynamic policy",
    "resettlement.MatchWeights.destination_country": "an ISO country code: the programme the weights are for",
    "resettlement.MatchRun.violations": "counts per hard-rule code",
    "resettlement.MatchRun.weights": "the score's weights (numbers) a coordinator chose",
    "resettlement.Offer.country": "an ISO country code of a published offer",
    "resettlement.Offer.local_languages": "language codes of a published offer",
    "resettlement.Offer.region": "a published offer's region",
    "resettlement.Offer.required_languages": "language codes a published job requires",
    "resettlement.Offer.skills": "professions a published job seeks",
    "resettlement.Offer.title": "a published offer's title (an organisation's listing, not a person's)",
    "resettlement.Offer.town": "a published offer's town",
    "documents.IssuedDocument.document_type": "a code from the fixed vocabulary of document types",
    "documents.IssuedDocument.number": "the issuer's running number: country, year and a counter",
    "documents.IssuedDocument.language": "a language code",
    "documents.IssuedDocument.destination_language": "a language code",
    "documents.IssuedDocument.kid": "the hex id of the public seal key",
    "documents.IssuedDocument.token": (
        "the seal printed as a QR: document id, type, validity, status index and a salted hash of name and "
        "date of birth, no personal data in clear (herzen.domain.seals)"
    ),
    "documents.SealKey.kid": "the hex id of a public key",
    "documents.SealKey.certificate_pem": "a self-signed certificate naming the organisation, public by design",
    # Evidence files: names and contents are encrypted; these describe the stored blob.
    "evidence.EvidenceItem.stored_name": "a random file name",
    "evidence.EvidenceItem.content_type": "a MIME type detected from the file",
    "evidence.EvidenceItem.sha256": IDENTIFIER,
    # The intake: answers, file names and files are encrypted; these run the draft.
    "intake.IntakeDraft.language": "a language code",
    "intake.IntakeDraft.email_lookup": "an HMAC of the e-mail address, for a lost link",
    "intake.IntakeLink.token_hash": IDENTIFIER,
    "intake.IntakeLink.delivery": "how a link was sent (a code), never the address",
    "intake.IntakeUpload.detected_type": "a file type detected from magic bytes",
    "intake.IntakeUpload.content_type": "a MIME type detected from the file",
    "intake.IntakeUpload.sha256": IDENTIFIER,
    "intake.IntakeUpload.original_sha256": IDENTIFIER,
    "intake.IntakeUpload.stored_name": "a random file name",
    # Aid (herzen.aid): money, programmes and public sanctions lists; payee details and proofs are encrypted.
    "aid.Funder.name": "a funder's public name (a foundation, a government programme)",
    "aid.Programme.title": "a programme's public title",
    "aid.Programme.currency": "an ISO 4217 code",
    "aid.Programme.rules": "a programme's rules document: eligibility criteria, amounts, tranches",
    "aid.Programme.paying_account_name": "the NGO's own bank account holder",
    "aid.Programme.paying_iban": "the NGO's own bank account",
    "aid.Programme.paying_bic": "the NGO's bank's identifier",
    "aid.LedgerAccount.currency": "an ISO 4217 code",
    "aid.LedgerPosting.currency": "an ISO 4217 code",
    "aid.LedgerEntry.memo": "what moved, in record ids and event codes written by the code",
    "aid.LedgerEntry.fx_source": "who quoted an exchange rate (a central bank, a bank's counter)",
    "aid.PaymentFile.message_id": IDENTIFIER,
    "aid.Payout.reference": IDENTIFIER,
    "aid.Payout.failure_reason": "an ISO 20022 reason code",
    "aid.SanctionsHit.entry_id": "the id of a public sanctions-list entry",
    "aid.SanctionsListImport.digest": IDENTIFIER,
    "aid.SanctionsListImport.people": "the published sanctions lists' own entries (public data)",
}


def _herzen_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("herzen.")]


def _plaintext_text_fields() -> dict[str, models.Field]:  # type: ignore[type-arg]
    found = {}
    for model in _herzen_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedMixin | BlindIndexField) or field.choices:
                continue
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                found[f"{model._meta.label}.{field.name}"] = field
    return found


def test_every_plaintext_text_field_is_declared_non_personal_with_a_reason():
    undeclared = sorted(set(_plaintext_text_fields()) - set(NOT_PERSONAL))
    assert undeclared == [], (
        "These text fields are stored in plaintext: encrypt them (herzen.encryption.fields) or, if they "
        f"cannot hold anything typed about a person, list them in NOT_PERSONAL with the reason: {undeclared}"
    )
    assert all(reason.strip() for reason in NOT_PERSONAL.values())


def test_the_declarations_name_fields_that_exist_and_are_plaintext():
    # A field encrypted since (or removed) must leave the list, so the list stays a true account.
    stale = sorted(set(NOT_PERSONAL) - set(_plaintext_text_fields()))
    assert stale == []


def test_the_free_text_about_a_person_is_encrypted():
    encrypted = {
        f"{model._meta.label}.{field.name}"
        for model in _herzen_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedMixin)
    }
    assert {
        "people.IdentityDocument.issuer",
        "people.EntryRefusal.border_point",
        "people.RiskFactor.criminal_article",
        "pathways.ApplicationDecision.deciding_body",
    } <= encrypted


def test_every_model_with_encrypted_fields_binds_them_to_a_row_version():
    unversioned = [
        model._meta.label
        for model in _herzen_models()
        if any(isinstance(field, EncryptedMixin) for field in model._meta.concrete_fields)
        and not issubclass(model, SealedRow)
    ]
    assert unversioned == []
