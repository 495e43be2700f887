"""Translated names for the codes of herzen.domain.workflow (the domain is plain Python and speaks English).

tests check that every code the shipped tables use has a label here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PATHWAY_NAMES: dict[str, Promise] = {
    "de_22_2": _("Germany: humanitarian admission (§ 22 sentence 2 AufenthG)"),
    "cz_civil_society": _("Czech Republic: Civil Society programme"),
    "lv_humanitarian_visa": _("Latvia: humanitarian national visa"),
    "lt_humanitarian_visa": _("Lithuania: humanitarian national visa"),
    "pl_humanitarian_visa": _("Poland: humanitarian national visa"),
    "fr_asylum_visa": _("France: asylum visa"),
    "work_visa": _("National work visa"),
    "refugee_status": _("Refugee status and travel document"),
}

OUTCOME_LABELS: dict[str, Promise] = {
    "admission_visa_residence": _("Admission, then a national visa, then a residence permit"),
    "national_visa": _("Humanitarian national visa"),
    "asylum_visa": _("A visa to enter and then claim asylum"),
    "work_visa": _("Work visa, then a work permit"),
    "refugee_status": _("Refugee status with a travel document"),
}

STATE_LABELS: dict[str, Promise] = {
    "dossier": _("Dossier in preparation"),
    "vouched": _("Vouched for by the organisation"),
    "submitted_foreign_ministry": _("Submitted to the foreign ministry"),
    "approved_foreign_ministry": _("Approved by the foreign ministry"),
    "admission_declared": _("Admission declared"),
    "visa_appointment": _("Visa appointment"),
    "visa_issued": _("Visa issued"),
    "entered": _("Entered"),
    "residence_permit_issued": _("Residence permit issued"),
    "residence_permit_applied": _("Residence permit applied for"),
    "ofpra_file_lodged": _("Application file lodged with OFPRA"),
    "asylum_refused": _("Refused: appeal possible"),
    "appeal_lodged": _("Appeal lodged with the court"),
    "appeal_allowed": _("Appeal allowed by the court"),
    "security_check": _("Security check"),
    "approved": _("Approved"),
    "ministry_review": _("Under review by the ministry in charge of asylum"),
    "approved_ministry": _("Approved by the ministry"),
    "asylum_claimed": _("Asylum claimed"),
    "labour_review": _("Under review by the labour authority"),
    "employment_approved": _("Employment approved"),
    "work_permit_issued": _("Work permit issued"),
    "claim_registered": _("Asylum claim registered"),
    "interview_scheduled": _("Interview scheduled"),
    "refugee_status_granted": _("Refugee status granted"),
    "subsidiary_protection_granted": _("Subsidiary protection granted"),
    "travel_document_applied": _("Travel document applied for"),
    "travel_document_issued": _("Travel document issued"),
    "refused": _("Refused"),
    "withdrawn": _("Withdrawn"),
    "suspended_by_policy": _("Suspended by policy"),
    "must_reapply": _("Must re-apply"),
}

MOVE_LABELS: dict[str, Promise] = {
    "vouch": _("Vouch for the dossier"),
    "withdraw_vouch": _("Withdraw the vouch"),
    "submit": _("Submit to the foreign ministry"),
    "request_information": _("Request more information"),
    "approve": _("Approve"),
    "refuse": _("Refuse"),
    "declare_admission": _("Declare admission"),
    "book_appointment": _("Record the visa appointment"),
    "issue_visa": _("Issue the visa"),
    "record_entry": _("Record entry"),
    "issue_residence_permit": _("Issue the residence permit"),
    "apply_for_residence_permit": _("Record the application for the residence permit"),
    "lodge_ofpra_file": _("Record the file lodged with OFPRA"),
    "refuse_as_manifestly_unfounded": _("Refuse as manifestly unfounded"),
    "lodge_appeal": _("Record the appeal lodged"),
    "close_without_appeal": _("Close without an appeal"),
    "record_appeal_allowed": _("Record the judgment: appeal allowed"),
    "record_appeal_dismissed": _("Record the judgment: appeal dismissed"),
    "select_for_programme": _("Select for the programme"),
    "clear_security_check": _("Clear the security check"),
    "forward_to_ministry": _("Forward to the ministry"),
    "record_asylum_claim": _("Record the asylum claim"),
    "forward_to_labour_authority": _("Forward to the labour authority"),
    "approve_employment": _("Approve the employment"),
    "issue_work_permit": _("Issue the work permit"),
    "register_claim": _("Register the asylum claim"),
    "schedule_interview": _("Schedule the interview"),
    "grant_refugee_status": _("Grant refugee status"),
    "grant_subsidiary_protection": _("Grant subsidiary protection"),
    "apply_for_travel_document": _("Apply for a travel document"),
    "issue_travel_document": _("Issue the travel document"),
    "withdraw": _("Withdraw the application"),
    "suspend_by_policy": _("Suspend by policy"),
    "require_reapplication": _("Require re-application"),
}

FACT_LABELS: dict[str, Promise] = {
    "decided_on": _("Date of the decision"),
    "deciding_body": _("Deciding body"),
    "reasons_given": _("Reasons were given"),
    "reasons": _("Reasons"),
    "submitted_on": _("Date submitted"),
    "appointment_on": _("Appointment date"),
    "valid_until": _("Valid until"),
    "entered_on": _("Date of entry"),
    "claimed_on": _("Date of the claim"),
    "judgment_on": _("Date of the judgment"),
    "note": _("Note"),
}

DEADLINE_LABELS: dict[str, Promise] = {
    "visa_appointment": _("Visa appointment"),
    "visa_valid_until": _("Visa valid until"),
    "permit_valid_until": _("Permit valid until"),
    "asylum_interview": _("Asylum interview"),
    "travel_document_valid_until": _("Travel document valid until"),
    "residence_permit_application_due": _("Apply for the residence permit by"),
    "asylum_claim_window": _("Claim asylum by (later risks the accelerated procedure)"),
    "ofpra_file_due": _("OFPRA file due"),
    "appeal_due": _("Appeal due"),
}

EVIDENCE_LABELS: dict[str, Promise] = {
    "identity_document": _("Identity documents (expired Russian passports count)"),
    "public_activity": _("Public anti-war or opposition activity (publications, media appearances)"),
    "persecution": _("Persecution (summonses, detentions, criminal case papers, foreign-agent listing)"),
    "link_to_destination": _("A link to the destination country"),
    "family_composition": _("Family composition"),
    "public_political_position": _("A public political position and the danger it caused"),
    "security_declaration": _("Security declarations"),
    "employment_offer": _("Employment offer or contract"),
    "qualification": _("Qualifications"),
    "entry_proof": _("Proof of entry"),
    "programme_declarations": _("The programme's two declarations"),
}


def label(labels: dict[str, Promise], code: str) -> str:
    """The translated label of a code, or the code itself if a newer table has one not labelled yet."""
    return str(labels.get(code, code))
