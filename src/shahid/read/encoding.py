"""Bytes → str: BOMs, UTF-8, UTF-16 without BOM, Windows-1256 and whatever charset-normalizer finds."""

from __future__ import annotations

import codecs
import re

from shahid.read.document import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _utf16_guess(sample: bytes) -> str | None:
    """UTF-16 without a BOM: in Arabic or ASCII text one byte of each pair is 0x00 or 0x06."""
    n = len(sample) - len(sample) % 2
    if n < 8 or b"\x00" not in sample[:n]:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]

    def share(b: bytes) -> float:
        return (b.count(0) + b.count(6)) / len(b)

    if share(odd) > 0.9 and share(even) < 0.5:
        return "utf-16-le"
    if share(even) > 0.9 and share(odd) < 0.5:
        return "utf-16-be"
    return None


def _cut_short(e: UnicodeDecodeError, data: bytes) -> bool:
    """Is the only fault an incomplete character at the very end (a truncated file)?"""
    return e.reason == "unexpected end of data" and e.end == len(data) and len(data) - e.start < 4


def _arabic_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    return len(_ARABIC_RE.findall(text)) / letters if letters else 0.0


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML head declares (``<meta charset>``, ``encoding=``), if Python knows it."""
    head = data[:4096]
    m = _CHARSET_RE.search(head) or re.search(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)""", head)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def detect_encoding(sample: bytes, *, complete: bool = True, declared: str | None = None) -> str:
    """The encoding of ``sample`` (the whole file when ``complete``, else its beginning).

    Order: BOM, a declared charset that decodes, UTF-8, UTF-16 without BOM, then
    charset-normalizer, preferring Windows-1256 when it gives clearly more Arabic.
    Raises :class:`ReadError` when the bytes are not text in any encoding.
    """
    bom = bom_encoding(sample)
    if bom:  # codecs that consume the mark themselves
        return {"utf-8": "utf-8-sig"}.get(bom[0], bom[0][:6])
    if declared:
        try:
            codecs.getincrementaldecoder(declared)("strict").decode(sample, final=complete)
            return declared
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=complete)
        if b"\x00" not in sample:
            return "utf-8"
    except UnicodeDecodeError as e:
        if _cut_short(e, sample) and b"\x00" not in sample:  # UTF-8 cut off mid-character
            return "utf-8"
    guess = _utf16_guess(sample[:65536])
    if guess:
        try:
            codecs.getincrementaldecoder(guess)("strict").decode(sample, final=complete)
            return guess
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:262144]).best()
    if best is None:
        raise ReadError("not text: binary data or an unknown encoding")
    enc = best.encoding
    if enc not in ("cp1256", "windows_1256") and any(b >= 0x80 for b in sample[:4096]):
        try:
            as1256 = sample.decode("cp1256")
            if _arabic_share(as1256) > _arabic_share(str(best)) + 0.1:
                enc = "cp1256"
        except UnicodeDecodeError:
            pass
    return enc


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode a whole file; strip a BOM; fold CRLF/CR line ends to LF; refuse binary data."""
    enc = detect_encoding(data, complete=True, declared=declared)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        if not _cut_short(e, data):
            raise ReadError(f"cannot decode as {enc}: {e}") from None
        text = data[: e.start].decode(enc)  # a file cut off mid-character: the whole characters
    except LookupError as e:
        raise ReadError(f"cannot decode as {enc}: {e}") from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Refuse strings that are binary data in disguise (many control characters)."""
    sample = text[:65536]
    if sample and len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 100):
        raise ReadError("not text: too many control characters (binary or corrupt file)")
