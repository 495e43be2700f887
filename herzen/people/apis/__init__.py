"""JSON API of the person record: persons, households, identity documents and stays, one module each.

One class per operation. Reads are GET; every write is a POST to its own path ending in a verb
(`.../create/`, `.../update/`, `.../add/`, `.../exit/`), so each URL maps to exactly one service or selector.
Records of another organisation answer 404, exactly like records that do not exist.

The names are re-exported here so `herzen.people.apis.<Name>` keeps working; new code imports from the module.
"""

from herzen.people.apis.documents import (
    DocumentAddApi,
    DocumentListApi,
    DocumentSerializer,
    DocumentUpdateApi,
)
from herzen.people.apis.households import (
    HouseholdCreateApi,
    HouseholdDetailApi,
    HouseholdMemberAddApi,
    HouseholdMemberSerializer,
    HouseholdSerializer,
    household_representation,
)
from herzen.people.apis.persons import (
    ContactPointAddApi,
    ContactPointSerializer,
    NameVariantAddApi,
    NameVariantSerializer,
    PersonCreateApi,
    PersonDetailApi,
    PersonHouseholdSerializer,
    PersonListApi,
    PersonSerializer,
    PersonSummarySerializer,
    PersonUpdateApi,
)
from herzen.people.apis.stays import (
    DEADLINE_KINDS,
    StayAddApi,
    StayDeadlineSerializer,
    StayExitApi,
    StayListApi,
    StaySerializer,
)

__all__ = [
    "DEADLINE_KINDS",
    "ContactPointAddApi",
    "ContactPointSerializer",
    "DocumentAddApi",
    "DocumentListApi",
    "DocumentSerializer",
    "DocumentUpdateApi",
    "HouseholdCreateApi",
    "HouseholdDetailApi",
    "HouseholdMemberAddApi",
    "HouseholdMemberSerializer",
    "HouseholdSerializer",
    "NameVariantAddApi",
    "NameVariantSerializer",
    "PersonCreateApi",
    "PersonDetailApi",
    "PersonHouseholdSerializer",
    "PersonListApi",
    "PersonSerializer",
    "PersonSummarySerializer",
    "PersonUpdateApi",
    "StayAddApi",
    "StayDeadlineSerializer",
    "StayExitApi",
    "StayListApi",
    "StaySerializer",
    "household_representation",
]
