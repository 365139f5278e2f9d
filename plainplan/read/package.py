"""Safe opening of an OOXML (zip/OPC) package.

Everything here is about not trusting the file: sniff what it really is, refuse parts
whose declared size is too large before inflating anything, cap the bytes actually
inflated, parse XML without entities, DTDs or network, and turn every failure into a
ReadError with one line that tells a person what to do.

`Package` keeps the parsed XML of the parts that were read (so a caller can change a
tree and write the package back with `save`) and reads every other member lazily, so a
damaged member that nobody needs (a theme with a bad CRC) never stops a document.
"""
from __future__ import annotations

import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import unquote

from lxml import etree

from plainplan.document import ReadError

# Limits on what we are willing to inflate. The declared sizes are checked before any
# reading; the actual bytes are capped while reading because a header can lie.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
_CHUNK = 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Relationship types are compared by their last segment, after one of these prefixes,
# so transitional and ISO Strict packages look the same to callers.
REL_PREFIXES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    "http://schemas.microsoft.com/office/2006/relationships/",
    "http://schemas.microsoft.com/office/2011/relationships/",
)


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False)


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str          # short type, e.g. "officeDocument", "header", "footnotes"
    target: str        # zip member name for internal targets, the raw URI for external
    external: bool = False


def rel_short_type(uri: str) -> str:
    for prefix in REL_PREFIXES:
        if uri.startswith(prefix):
            return uri[len(prefix):]
    return uri.rsplit("/", 1)[-1]


def rels_name(part: str) -> str:
    """Zip member name of the relationships part of `part` ("" is the package)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    folder = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


class Package:
    """An opened zip package. Use `open_package`; close it (or use `with`) when done.

    - `names`: zip member names in their original order.
    - `xml(name)`: parsed root element (safe parser, cached). Changes made to it are
      written by `save`.
    - `read(name)`: raw bytes of a member (size-capped).
    - `set_xml(name, root)` / `set_bytes(name, data)`: replace or add a member.
    - `rels(part)`: the part's relationships; `related(part, type)` just their targets.
    - `content_type(name)`: from [Content_Types].xml.
    - `save(dest)`: write a new package; members never touched are copied as they are.
    """

    def __init__(self, path: str, zf: zipfile.ZipFile):
        self.path = path
        self._zf: Optional[zipfile.ZipFile] = zf
        infos = zf.infolist()
        self.names = [i.filename for i in infos]
        self._infos = {i.filename: i for i in infos}
        # OPC part names are case-insensitive; zip names are not.
        self._folded = {n.lower(): n for n in reversed(self.names)}
        self._xml: dict = {}
        self._bytes: dict = {}
        self._rels: dict = {}
        self._content_types: Optional[dict] = None
        self.inflated = 0
        self.main_part: Optional[str] = None
        self.warnings: list = []   # things a reader skipped, in plain words

    # -- context management -------------------------------------------------------
    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()
            self._zf = None

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _zip(self) -> zipfile.ZipFile:
        if self._zf is None:
            self._zf = zipfile.ZipFile(self.path)
        return self._zf

    # -- members ------------------------------------------------------------------
    def find(self, name: str) -> Optional[str]:
        """The actual member name for a part name, or None."""
        if name in self._infos or name in self._xml or name in self._bytes:
            return name
        return self._folded.get(name.lower())

    def __contains__(self, name: str) -> bool:
        return self.find(name) is not None

    def declared_size(self, name: str) -> int:
        real = self.find(name)
        info = self._infos.get(real) if real else None
        return info.file_size if info else 0

    def check_sizes(self, names: Iterable[str]) -> None:
        """Refuse, before inflating anything, parts whose declared sizes are too big."""
        total = 0
        for name in dict.fromkeys(names):
            size = self.declared_size(name)
            if size > MAX_PART_BYTES:
                raise ReadError("too-large", f"{self.path} is too large to check: its part "
                                f"{name} would unpack to {size // 2**20} MB (limit "
                                f"{MAX_PART_BYTES // 2**20} MB); split the document or "
                                "remove large embedded content")
            total += size
        if total > MAX_TOTAL_BYTES:
            raise ReadError("too-large", f"{self.path} is too large to check: its text parts "
                            f"would unpack to {total // 2**20} MB (limit "
                            f"{MAX_TOTAL_BYTES // 2**20} MB); split the document")

    def read(self, name: str) -> bytes:
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        if real in self._bytes:
            return self._bytes[real]
        return self._inflate(self._infos[real])

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        self.check_sizes([info.filename])
        cap = min(info.file_size, MAX_PART_BYTES)
        chunks, got = [], 0
        try:
            with self._zip().open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.inflated += len(chunk)
                    if got > cap or self.inflated > MAX_TOTAL_BYTES:
                        raise ReadError("too-large", f"{self.path} is too large to check: "
                                        f"{info.filename} unpacks to more than it declares "
                                        "or than the limit; split the document")
                    chunks.append(chunk)
        except RuntimeError as exc:   # zipfile's "File is encrypted"
            raise ReadError("encrypted", f"{self.path} is password-protected; remove the "
                            "password in Word and save a copy") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise damaged(self.path, f"its part {info.filename} cannot be unpacked") from exc
        return b"".join(chunks)

    def xml(self, name: str):
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        if real not in self._xml:
            self._xml[real] = parse_xml(self.read(real), self.path, real)
        return self._xml[real]

    def _forget(self, name: str) -> None:
        # Cached views of a replaced rels or content-types part would be stale.
        self._rels = {k: v for k, v in self._rels.items() if rels_name(k) != name}
        if name == "[Content_Types].xml":
            self._content_types = None

    def set_xml(self, name: str, root) -> None:
        real = self.find(name) or name
        self._forget(real)
        self._bytes.pop(real, None)
        self._xml[real] = root
        if real not in self.names:
            self.names.append(real)

    def set_bytes(self, name: str, data: bytes) -> None:
        real = self.find(name) or name
        self._forget(real)
        self._xml.pop(real, None)
        self._bytes[real] = data
        if real not in self.names:
            self.names.append(real)

    # -- relationships and content types ------------------------------------------
    def rels(self, part: str) -> list:
        """Relationships of `part` ("" for the package), [] if it has none."""
        if part in self._rels:
            return self._rels[part]
        name = rels_name(part)
        found = []
        if name in self:
            root = self.xml(name)
            for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
                target = rel.get("Target") or ""
                external = rel.get("TargetMode") == "External"
                found.append(Relationship(
                    id=rel.get("Id") or "",
                    type=rel_short_type(rel.get("Type") or ""),
                    target=target if external else resolve_target(part, target),
                    external=external,
                ))
        self._rels[part] = found
        return found

    def related(self, part: str, short_type: str) -> list:
        return [r.target for r in self.rels(part) if r.type == short_type and not r.external]

    def content_type(self, name: str) -> Optional[str]:
        if self._content_types is None:
            self._content_types = {}
            if "[Content_Types].xml" in self:
                root = self.xml("[Content_Types].xml")
                for el in root:
                    if el.tag == f"{{{CT_NS}}}Default":
                        self._content_types["*." + (el.get("Extension") or "").lower()] = el.get("ContentType")
                    elif el.tag == f"{{{CT_NS}}}Override":
                        self._content_types[(el.get("PartName") or "").lstrip("/").lower()] = el.get("ContentType")
        found = self._content_types.get(name.lower())
        if found is None:
            found = self._content_types.get("*." + name.rsplit(".", 1)[-1].lower())
        return found

    # -- writing ------------------------------------------------------------------
    def save(self, dest: str) -> None:
        """Write the package to `dest` (never the file it was read from)."""
        if os.path.exists(dest) and os.path.samefile(dest, self.path):
            raise ValueError("refusing to overwrite the source document; save a copy")
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
            for name in self.names:
                if name in self._xml:
                    data = etree.tostring(self._xml[name], xml_declaration=True,
                                          encoding="UTF-8", standalone=True)
                elif name in self._bytes:
                    data = self._bytes[name]
                else:
                    data = self._zip().read(name)
                info = self._infos.get(name)
                out.writestr(zipfile.ZipInfo(name, info.date_time) if info else name, data,
                             compress_type=zipfile.ZIP_DEFLATED)


def damaged(path: str, what: str) -> ReadError:
    return ReadError("damaged", f"{path} is damaged ({what}); open it in Word, "
                     "let Word repair it and save a copy")


def parse_xml(data: bytes, path: str, part: str):
    """Parse one part safely: no DTDs, no entities, no network."""
    # A DOCTYPE has no business in an OOXML part; refusing it outright is simpler and
    # safer than reasoning about which entities would be harmless.
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in head:
        raise unsafe(path, part)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        why = "is nested too deeply" if "depth" in str(exc) else "is not well-formed XML"
        raise damaged(path, f"{part} {why}") from exc
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise unsafe(path, part)
    return tree.getroot()


def unsafe(path: str, part: str) -> ReadError:
    return ReadError("unsafe-xml", f"{path} was not read: its part {part} declares a DTD "
                     "or entities, which Word never writes; open it in Word and save a copy")


def sniff(path: str) -> None:
    """Raise the right ReadError if `path` is not a zip package at all."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise ReadError("empty", f"{path} is empty (0 bytes); it is not a Word document")
    if head.startswith(CFB_MAGIC):
        raise _cfb_error(path)
    if not (head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC)):
        raise not_word(path)


def not_word(path: str) -> ReadError:
    return ReadError("not-a-zip", f"{path} is not a Word document (.docx); "
                     "check the file or save it from Word as .docx")


def _cfb_error(path: str) -> ReadError:
    """Tell an encrypted OOXML file from a legacy .doc; both are OLE2 compound files."""
    streams = set()
    try:
        import olefile
        with olefile.OleFileIO(path) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except Exception:   # olefile raises many types on junk; the file is unusable anyway
        pass
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return ReadError("encrypted", f"{path} is password-protected; remove the password in "
                         "Word (File › Info › Protect Document) and save a copy")
    if "WordDocument" in streams:
        return ReadError("legacy-doc", f"{path} is an old Word 97-2003 .doc file; "
                         "open it in Word and save it as .docx")
    return not_word(path)


def open_package(path: str) -> Package:
    """Sniff and open `path` as a zip package (nothing is inflated yet)."""
    path = os.fspath(path)
    sniff(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise damaged(path, "the zip archive is incomplete or corrupt") from exc
    return Package(path, zf)
