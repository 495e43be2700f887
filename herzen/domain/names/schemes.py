"""The spelling systems a Russian name meets on its way through passports, registries and forms."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Scheme(StrEnum):
    """A romanisation system. Values are storage codes: never rename them."""

    ICAO_9303 = "icao_9303"
    GOST_52535 = "gost_52535"
    MVD_1997 = "mvd_1997"
    ISO_9 = "iso_9"
    GERMAN = "german"
    MRZ_INTERNAL = "mrz_internal"
    OTHER = "other"


SCHEME_LABELS: Mapping[Scheme, str] = MappingProxyType(
    {
        Scheme.ICAO_9303: "ICAO Doc 9303 (Russian international passports since 2014)",
        Scheme.GOST_52535: "GOST R 52535.1-2006 (international passports 2010-2014)",
        Scheme.MVD_1997: "MVD Order 310 (international passports 1997-2010)",
        Scheme.ISO_9: "ISO 9:1995 (German civil registries)",
        Scheme.GERMAN: "German transcription (Duden)",
        Scheme.MRZ_INTERNAL: "Internal passport machine-readable zone (MVD Order 773)",
        Scheme.OTHER: "Other spelling found in a document",
    }
)

# Every scheme except OTHER: those spellings come from documents, not from rules.
GENERATED_SCHEMES: tuple[Scheme, ...] = tuple(scheme for scheme in Scheme if scheme is not Scheme.OTHER)


@dataclass(frozen=True)
class FullName:
    """A person's name in any script. Russians have a patronymic; most others leave it empty."""

    surname: str
    given_name: str
    patronymic: str = ""

    @property
    def parts(self) -> tuple[str, str, str]:
        return (self.surname, self.given_name, self.patronymic)
