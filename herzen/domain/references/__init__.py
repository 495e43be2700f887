"""Case reference numbers that people can read aloud and type on a phone."""

from herzen.domain.references.case_reference import looks_like_reference, new_reference, normalise_reference

__all__ = ["looks_like_reference", "new_reference", "normalise_reference"]
