"""The names uploaded files arrive with, made safe to keep.

A browser sends a file's name as it is on the sender's computer, and a crafted request sends
any name. 1,000 bytes of "é" is a name no disk takes (255 bytes at most per name on Linux),
and the headers of such an upload were refused outright by Django (a bare 400 page that lost
the form); a shorter one reached the disk and failed there (a 500).
"""

import os
import unicodedata

from django.core.files import uploadhandler
from django.http import multipartparser

# Django reads at most 1,024 bytes of the headers of each part of a form sent with files and
# answers 400 past them, before any view can keep the form: a name of 900 bytes (300 letters
# of an Amharic or Chinese title) and its content type do not fit. 8 KB holds any name a
# browser sends and still bounds what a part's headers cost (the parts themselves are counted
# by DATA_UPLOAD_MAX_NUMBER_FIELDS and DATA_UPLOAD_MAX_NUMBER_FILES).
MAX_PART_HEADERS_SIZE = 8 * 1024

# A kept name is cut to these many bytes of UTF-8, its extension kept: the name fits a disk's
# 255 bytes whatever its script (196 letters of Latin, 98 of "é", 65 of Chinese before ".pdf"),
# and the stored path (events/<id>/<folder>/<name>) a FileField's 300 characters.
MAX_NAME_BYTES = 200
MAX_EXTENSION_CHARACTERS = 10


def allow_long_part_headers() -> None:
    """Let a form's file part carry a long name (SsrportalConfig.ready). Django has no setting
    for this limit, only its module's constant, read at each request."""
    multipartparser.MAX_TOTAL_HEADER_SIZE = max(
        multipartparser.MAX_TOTAL_HEADER_SIZE, MAX_PART_HEADERS_SIZE
    )


def extension(name: str) -> str:
    """What follows the last dot of ``name`` (".pdf"), or "" when that is no file type but a
    dot inside a title ("Rapport. Atelier de Bamako")."""
    extension = os.path.splitext(name)[1]
    if len(extension) > MAX_EXTENSION_CHARACTERS or not extension[1:].isalnum():
        return ""
    return extension


def shortened(name: str) -> str:
    """``name`` with its extension, cut to MAX_NAME_BYTES bytes of UTF-8 (never in the middle
    of a letter). The letters of every script are kept; the storage then replaces what a file
    name may not hold."""
    name = unicodedata.normalize("NFC", os.path.basename(name))
    kept = extension(name)
    stem = name.removesuffix(kept) if kept else name
    room = MAX_NAME_BYTES - len(kept.encode())
    stem = stem.encode()[:room].decode(errors="ignore")
    return f"{stem}{kept}"


class ShortNames:
    """An upload handler that takes each file under its shortened name, before the name is
    used for anything: a file past FILE_UPLOAD_MAX_MEMORY_SIZE waits on the disk in a
    temporary file whose name ends with the upload's extension (".upload.<what follows the
    last dot>"), too long to open for "Rapport. Atelier de Bamako sur la réforme…"."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, shortened(file_name), *args, **kwargs)


class ShortNamesInMemory(ShortNames, uploadhandler.MemoryFileUploadHandler):
    pass


class ShortNamesOnDisk(ShortNames, uploadhandler.TemporaryFileUploadHandler):
    pass


# FILE_UPLOAD_HANDLERS, in Django's order: small files in memory, the others on the disk.
UPLOAD_HANDLERS = [
    "ssrportal.filenames.ShortNamesInMemory",
    "ssrportal.filenames.ShortNamesOnDisk",
]
