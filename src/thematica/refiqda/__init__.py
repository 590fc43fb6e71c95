"""Read and write REFI-QDA codebooks (.qdc) and projects (.qdpx).

REFI-QDA is the exchange standard understood by NVivo, ATLAS.ti, MAXQDA and
QualCoder. A codebook (``.qdc``) is one XML file in the namespace
``urn:QDA-XML:codebook:1.0``. A project (``.qdpx``) is a zip archive holding an
XML project file (``project.qde``, namespace ``urn:QDA-XML:project:1.0``) and a
``sources/`` folder with one plain-text file per transcript, referenced from the
project as ``plainTextPath="internal://<guid>.txt"``.

Offsets everywhere in thematica are 0-based Unicode code-point offsets into the
*canonical* text of a source (no byte-order mark, ``\\n`` line ends, NFC), with
the end exclusive. REFI-QDA ``startPosition``/``endPosition`` are read as offsets
into the text exactly as stored in the export (the "raw" text) and re-anchored
onto the canonical text with :func:`reanchor`.

Writers are byte-deterministic: GUIDs are ``uuid5`` values over a fixed
namespace, no timestamps are written and zip members carry a fixed date.

Code identity
-------------
REFI-QDA codes carry a GUID, a ``name`` and a ``Description`` only. The writer
uses the code's ``label`` as ``name`` (what coders see) and its ``definition`` as
``Description``. When the thematica code id differs from the label, a final
line ``[code id: <id>]`` is appended to the description so the id survives a
round trip through a QDA package (descriptions are carried along by the tools).
The reader takes the id from that line when present, otherwise from the code
name, falling back to the ``Parent/Child`` path and then the GUID when names are
not unique.

Modules
-------
``model``
    :class:`Code`, :class:`Coding`, :class:`QdpxProject`, namespaces, GUIDs.
``anchor``
    :func:`canonicalise` and :func:`reanchor`.
``archive``
    Zip helpers for writing and reading ``.qdpx`` archives.
``xmlutil``
    ElementTree helpers shared by the readers and writers.
``codebook``
    The ``<Codes>`` tree to and from code lists (the code-id marker).
``write``
    :func:`codebook_xml`, :func:`write_qdc`, :func:`project_xml`, :func:`write_qdpx`.
``read``
    :func:`read_qdc`, :func:`read_qdpx`.
``validate``
    :func:`validate_project_xml` and the bundled schema :data:`PROJECT_XSD`.
"""

from thematica.refiqda.anchor import canonicalise, reanchor
from thematica.refiqda.model import (
    CODEBOOK_NS,
    PROJECT_NS,
    Code,
    Coding,
    QdpxProject,
    code_guid,
    source_guid,
    user_guid,
)
from thematica.refiqda.read import read_qdc, read_qdpx
from thematica.refiqda.validate import PROJECT_XSD, validate_project_xml
from thematica.refiqda.write import codebook_xml, project_xml, write_qdc, write_qdpx

__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "PROJECT_XSD",
    "Code",
    "Coding",
    "QdpxProject",
    "canonicalise",
    "codebook_xml",
    "code_guid",
    "project_xml",
    "read_qdc",
    "read_qdpx",
    "reanchor",
    "source_guid",
    "user_guid",
    "validate_project_xml",
    "write_qdc",
    "write_qdpx",
]
