"""Base45 (RFC 9285): the alphabet of a QR code's alphanumeric mode, so a seal fits a smaller code.

Kept here (about 40 lines, checked against the RFC's test vectors) rather than depending on an untyped
package: the decoder is the first thing an attacker's input reaches, so it bounds its input itself.
"""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUES = {character: value for value, character in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """The text is not Base45."""


def encode(data: bytes) -> str:
    out: list[str] = []
    for start in range(0, len(data), 2):
        chunk = data[start : start + 2]
        if len(chunk) == 2:
            number = chunk[0] * 256 + chunk[1]
            c, number = number % 45, number // 45
            d, e = number % 45, number // 45
            out += [ALPHABET[c], ALPHABET[d], ALPHABET[e]]
        else:
            d, c = divmod(chunk[0], 45)
            out += [ALPHABET[c], ALPHABET[d]]
    return "".join(out)


def decode(text: str, *, max_length: int) -> bytes:
    if len(text) > max_length:
        raise Base45Error("too long")
    if len(text) % 3 == 1:
        raise Base45Error("bad length")
    try:
        values = [_VALUES[character] for character in text]
    except KeyError as error:
        raise Base45Error("not in the Base45 alphabet") from error
    out = bytearray()
    for start in range(0, len(values), 3):
        group = values[start : start + 3]
        number = sum(value * 45**position for position, value in enumerate(group))
        if len(group) == 3:
            if number > 0xFFFF:
                raise Base45Error("group out of range")
            out += number.to_bytes(2, "big")
        else:
            if number > 0xFF:
                raise Base45Error("group out of range")
            out.append(number)
    return bytes(out)
