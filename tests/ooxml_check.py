"""Package and schema-order checks for DOCX files: what makes Word show its repair prompt.

No ECMA-376 validator installs from the package registries here, so this checks what Word is strict
about in practice: every XML part parses, every part has a content type, every relationship target
exists, ids are unique, and the children of the property elements we write follow the schema's
xsd:sequence order (ECMA-376 Part 1, transitional wml.xsd).
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath rPrChange",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
    "textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook "
    "tblCaption tblDescription tblPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tbl": "bookmarkStart tblPr tblGrid tr",
    "tc": "tcPr p tbl",
    "pBdr": "top left bottom right between bar",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
    "tblPr trPr tcPr tblStylePr",
    # Footnotes: the settings' list of separator notes (CT_FtnDocProps) and where it stands.
    "footnotePr": "pos numFmt numStart numRestart footnote",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts "
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
    "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter "
    "gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle "
    "proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
    "stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
    "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope "
    "summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
    "characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent "
    "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly "
    "useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
    "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown "
    "smartTagType shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
}
ORDER = {tag: {name: i for i, name in enumerate(seq.split())} for tag, seq in SEQUENCES.items()}
# Elements that may repeat among siblings at the same rank (hdr/ftr references).
REPEATABLE = {
    "headerReference",
    "footerReference",
    "tr",
    "p",
    "tbl",
    "tblStylePr",
    "footnote",
    "activeWritingStyle",
    "attachedSchema",
    "smartTagType",
}


def _order_problems(part: str, root: etree._Element) -> list[str]:
    """Return children out of schema order, or repeated where the schema allows one."""
    problems = []
    for tag, rank in ORDER.items():
        for parent in root.iter(f"{{{W}}}{tag}"):
            names = [
                etree.QName(child).localname
                for child in parent
                if etree.QName(child).namespace == W
            ]
            known = [n for n in names if n in rank]
            positions = [rank[n] for n in known]
            if positions != sorted(positions):
                problems.append(f"{part}: <w:{tag}> children out of order: {known}")
            repeated = {n for n in known if known.count(n) > 1 and n not in REPEATABLE}
            if repeated:
                problems.append(f"{part}: <w:{tag}> repeats {sorted(repeated)}")
    return problems


def _content_type_problems(archive: zipfile.ZipFile) -> list[str]:
    """Return parts that have no content type."""
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {e.get("Extension").lower() for e in types if etree.QName(e).localname == "Default"}
    overrides = {e.get("PartName") for e in types if etree.QName(e).localname == "Override"}
    return [
        f"{name}: no content type"
        for name in archive.namelist()
        if name != "[Content_Types].xml"
        and not name.endswith("/")
        and "/" + name not in overrides
        and name.rsplit(".", 1)[-1].lower() not in defaults
    ]


def _relationship_problems(archive: zipfile.ZipFile) -> list[str]:
    """Return relationships whose internal target is missing."""
    names = set(archive.namelist())
    problems = []
    for rels in (n for n in names if n.endswith(".rels")):
        base = posixpath.dirname(posixpath.dirname(rels))
        for rel in etree.fromstring(archive.read(rels)):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            if path not in names:
                problems.append(f"{rels}: {rel.get('Id')} points to missing {path}")
    return problems


def _id_problems(part: str, root: etree._Element) -> list[str]:
    """Return drawing and bookmark ids that repeat (Word repairs those)."""
    problems = []
    for tag, attr in ((f"{{{W}}}bookmarkStart", f"{{{W}}}id"),):
        ids = [e.get(attr) for e in root.iter(tag)]
        if len(ids) != len(set(ids)):
            problems.append(f"{part}: duplicate {etree.QName(tag).localname} ids")
    return problems


def ooxml_problems(data: bytes) -> list[str]:
    """Return every problem found in a DOCX package; an empty list means none."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    problems = _content_type_problems(archive) + _relationship_problems(archive)
    if "word/document.xml" not in archive.namelist():
        return [*problems, "word/document.xml missing"]
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            try:
                root = etree.fromstring(archive.read(name))
            except etree.XMLSyntaxError as error:
                problems.append(f"{name}: not well-formed: {error}")
                continue
            problems += _order_problems(name, root) + _id_problems(name, root)
    return problems
