#!/usr/bin/python3
"""Regenerates NotoSerifSC-Regular.ttf and NotoSerifSC-Bold.ttf in render/pdf/font.

fpdf embeds TrueType (glyf) outlines only, and Noto Serif CJK ships as CFF in
an OpenType collection. This script takes the Simplified Chinese faces of
Debian's fonts-noto-cjk, keeps the characters a budget document needs (see
chars() below), converts the cubic CFF outlines to quadratic TrueType ones and
writes the two .ttf files. It is an asset generator, run by hand; yusuan never
runs Python.

    apt-get install fonts-noto-cjk python3-fonttools
    /usr/bin/python3 render/pdf/font/gen/serif.py            # from the repository root
    /usr/bin/python3 render/pdf/font/gen/serif.py --scan DIR...  # first add the
        # characters of the text files under DIR (corpus, examples) to extra.txt

A character left out still prints: the renderer falls back per character to
Droid Sans Fallback, which is embedded as well.
"""

import os
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, newTable

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
EXTRA = os.path.join(HERE, "extra.txt")
SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-{}.ttc"
FACE = "Noto Serif CJK SC"
# Cubic to quadratic conversion error, in font units of a 1000-unit em: far
# below what a 10.5 pt line at print resolution can show.
MAX_ERR = 1.0

RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1: ·, ×, ÷, °, §
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # per mille, primes, reference mark
    (0x2103, 0x2103),  # ℃
    (0x2116, 0x2116),  # №
    (0x2160, 0x217B),  # Roman numerals
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x24FF),  # circled and bracketed numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25CF),  # squares, triangles, circles
    (0x3000, 0x303F),  # CJK punctuation
    (0x3220, 0x3243),  # parenthesised ideographs ㈠
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE6),
]


def gb2312():
    """Every character of GB 2312, the 6,763 hanzi and its symbols."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.update(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def extra():
    """The characters of extra.txt, whose lines starting with # are comments."""
    with open(EXTRA, encoding="utf-8") as f:
        return {c for line in f if not line.startswith("#") for c in line if not c.isspace()}


def chars():
    out = gb2312()
    for lo, hi in RANGES:
        out.update(chr(c) for c in range(lo, hi + 1))
    out.update(extra())
    return {c for c in out if ord(c) <= 0xFFFF}


HEADER = """\
# Characters outside GB 2312 that the Noto Serif subset keeps, found in the
# corpus and the examples by `serif.py --scan DIR...`, which rewrites this file
# keeping what it has. Lines starting with # are comments.
"""


def scan(dirs):
    """Adds the CJK characters of the text files under dirs to extra.txt."""
    have = extra()
    base = gb2312()
    found = set()
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in files:
                if not name.endswith((".txt", ".yaml", ".json", ".csv", ".md", ".go", ".tsv")):
                    continue
                try:
                    text = open(os.path.join(root, name), encoding="utf-8").read()
                except (UnicodeDecodeError, OSError):
                    continue
                found.update(c for c in text if 0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF)
    new = sorted((found - base) | have)
    with open(EXTRA, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(0, len(new), 40):
            f.write("".join(new[i:i + 40]) + "\n")
    print(f"extra.txt: {len(new)} characters outside GB 2312")


def face(weight):
    for font in TTCollection(SOURCE.format(weight)).fonts:
        if font["name"].getDebugName(1) == FACE:
            return font
    sys.exit(f"{SOURCE.format(weight)} has no {FACE}")


def to_truetype(font):
    """Replaces the CFF outlines with quadratic glyf ones, in place."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours",
                  "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: fpdf reads only the header
    post.extraNames, post.mapping = [], {}


def tabular_digits(font):
    """Gives the ten digits one advance, the widest, centring each outline in
    it, so that right-aligned amounts line up digit under digit. The faces have
    no tnum feature, and their half-width digits (hwid) are too narrow."""
    cmap = font.getBestCmap()
    names = [cmap[ord(c)] for c in "0123456789"]
    hmtx, glyf = font["hmtx"], font["glyf"]
    width = max(hmtx[n][0] for n in names)
    for n in names:
        adv, lsb = hmtx[n]
        dx = (width - adv) // 2
        glyph = glyf[n]
        if dx and glyph.numberOfContours > 0:
            glyph.coordinates.translate((dx, 0))
            glyph.recalcBounds(glyf)
        hmtx[n] = (width, lsb + dx)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--scan":
        scan(sys.argv[2:])
        return
    keep = chars()
    for weight in ("Regular", "Bold"):
        font = face(weight)
        opts = Options()
        opts.layout_features = []
        opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
        opts.name_languages = [0x409]
        opts.notdef_outline = True
        opts.hinting = False
        opts.desubroutinize = True
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG"]
        sub = Subsetter(opts)
        sub.populate(unicodes=[ord(c) for c in keep])
        sub.subset(font)
        to_truetype(font)
        tabular_digits(font)
        path = os.path.join(OUT, f"NotoSerifSC-{weight}.ttf")
        font.recalcTimestamp = False  # the same input gives the same file
        font.save(path)
        print(f"{path}: {len(font.getGlyphOrder())} glyphs, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
