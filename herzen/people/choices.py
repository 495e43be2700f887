"""Vocabularies of the person record. Values are stable storage codes; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    # As printed in the passport; not a statement about gender.
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNSPECIFIED = "X", _("Unspecified (X)")


class ContactKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    SIGNAL = "signal", _("Signal")
    TELEGRAM = "telegram", _("Telegram")


class Script(models.TextChoices):
    CYRILLIC = "cyrillic", _("Cyrillic")
    LATIN = "latin", _("Latin")


class NameScheme(models.TextChoices):
    # Values equal herzen.domain.names.Scheme (a test keeps them in step).
    ICAO_9303 = "icao_9303", _("ICAO Doc 9303 (passports from 2014)")
    GOST_52535 = "gost_52535", _("GOST R 52535.1-2006 (passports 2010–2014)")
    MVD_1997 = "mvd_1997", _("MVD 1997 (passports 1997–2010)")
    ISO_9 = "iso_9", _("ISO 9 (German civil registries)")
    GERMAN = "german", _("German-style transcription")
    MRZ_INTERNAL = "mrz_internal", _("Internal passport MRZ")
    OTHER = "other", _("Other")


class HouseholdRole(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    SPOUSE_OR_PARTNER = "spouse_partner", _("Spouse or partner")
    CHILD = "child", _("Child")
    OTHER_DEPENDANT = "other_dependant", _("Other dependant")


class DocumentType(models.TextChoices):
    INTERNAL_PASSPORT = "internal_passport", _("Internal passport")
    INTERNATIONAL_PASSPORT = "international_passport", _("International passport")
    FOREIGNERS_PASSPORT = "foreigners_passport", _("Foreigner's passport")
    REFUGEE_TRAVEL_DOCUMENT = "refugee_travel_document", _("Refugee travel document")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    NATIONAL_ID = "national_id", _("National ID")


class DocumentStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    SEIZED = "seized", _("Seized")
    RENEWAL_REFUSED = "renewal_refused", _("Renewal refused")
    ANNULLED = "annulled", _("Annulled")


class LegalBasis(models.TextChoices):
    # Values equal herzen.domain.risk.LegalBasis (a test keeps them in step).
    VISA_FREE = "visa_free", _("Visa-free")
    VISA = "visa", _("Visa")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")


class RiskFactorKind(models.TextChoices):
    # Values equal herzen.domain.risk.RiskFactorKind (a test keeps them in step). No kind for party, faction
    # or movement: Herzen records danger, never affiliation.
    CRIMINAL_CASE = "criminal_case", _("Criminal case")
    ADMINISTRATIVE_CASE = "administrative_case", _("Administrative case (e.g. 20.3.3 CAO)")
    FOREIGN_AGENT = "foreign_agent", _("Listed as a “foreign agent”")
    MOBILISATION_SUMMONS = "mobilisation_summons", _("Mobilisation summons")
    EXIT_BAN = "exit_ban", _("Exit ban")
    PASSPORT_REFUSAL = "passport_refusal", _("Passport refused, seized or annulled")
    WANTED_LIST = "wanted_list", _("On a wanted list")
    TRANSIT_COUNTRY_RISK = "transit_country_risk", _("Danger in the transit country")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    OTHER = "other", _("Other danger")


class CriminalStage(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    ACCUSED = "accused", _("Accused")
    CONVICTED = "convicted", _("Convicted")
    CONVICTED_IN_ABSENTIA = "in_absentia", _("Convicted in absentia")


class WantedScope(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic wanted list")
    INTERSTATE = "interstate", _("Interstate (CIS) wanted list")
    INTERPOL = "interpol", _("Interpol notice")


class Vulnerability(models.TextChoices):
    MINOR = "minor", _("Minor")
    HEALTH = "health", _("Health")
    LGBTQ = "lgbtq", _("LGBTQ+ person")
    FAMILY_PRESSURE = "family_pressure", _("Pressure on family")
    OTHER = "other", _("Other vulnerability")
