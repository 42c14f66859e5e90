"""An organisation's SVG logo, made safe to publish, or refused with the reason.

An SVG file is a document: opened on its own, a browser runs its scripts, applies its
style sheets and fetches what it points to, from any site.  So a logo is read with the
XML parser itself (every event of it: a document type, entities, processing
instructions such as ``<?xml-stylesheet?>``, CDATA sections, comments) and rebuilt from
an allow-list:

* elements: plain shapes, groups, gradients, clipping paths and masks, text, and
  ``<use>`` of the logo's own parts (:data:`ELEMENTS`);
* attributes: geometry, presentation (fill, stroke, fonts...) and accessibility
  (:data:`ATTRIBUTES`); ``href`` and ``xlink:href`` only to the logo's own parts
  (``#name``), and only on ``<use>`` and gradients;
* values: no CSS escape (``\\75 rl(``), no CSS comment (``url(/**/...)``), no ``@``
  (``@import``), no character a drawing does not need, and no CSS function but colours,
  transforms and ``url(#name)``; checked after the parser has decoded character
  references, and without regard to letter case;
* a ``style`` attribute keeps only presentation properties, each value checked so.

What is hostile is refused, with the reason: a script, a style sheet, an event
attribute, a reference to another file or site, an image, an embedded document, a
document type or entity, a processing instruction.  What is only unneeded (an editor's
metadata, its own attributes such as ``inkscape:label``, comments, ``class``) is left
out.  The published logo is the rebuilt document, never the file's own bytes, so what
the parser did not understand cannot reach the site.
"""

from __future__ import annotations

import functools
import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"

#: The elements a logo may use.
ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "text", "tspan",
    "clipPath", "mask", "symbol", "use",
})
#: Left out with everything in them: an editor's notes about the drawing.
DROPPED = frozenset({"metadata"})
#: Elements whose text is part of the drawing; other text (layout spaces) is left out.
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan"})
#: Elements that may point at another part of the logo with href="#name".
REFERRING = frozenset({"use", "linearGradient", "radialGradient"})
#: Presentation properties: allowed as attributes and in a style attribute.
PRESENTATION = frozenset("""
fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity clip-path
clip-rule mask color display visibility overflow font-family font-size font-weight
font-style font-stretch font-variant text-anchor dominant-baseline alignment-baseline
baseline-shift letter-spacing word-spacing text-decoration writing-mode direction
shape-rendering text-rendering color-interpolation color-interpolation-filters
vector-effect paint-order stop-color stop-opacity mix-blend-mode isolation
""".split())
#: Every attribute a logo may keep (besides ``style``, ``href`` and ``xlink:href``).
ATTRIBUTES = PRESENTATION | frozenset("""
id x y width height viewBox preserveAspectRatio version d cx cy r rx ry x1 y1 x2 y2 fx
fy fr points pathLength transform offset gradientUnits gradientTransform spreadMethod
clipPathUnits maskUnits maskContentUnits dx dy rotate textLength lengthAdjust role
aria-label aria-hidden aria-labelledby aria-describedby focusable lang xml:space
xml:lang
""".split())
#: Attributes whose value is words for a reader, not a drawing value.
FREE_TEXT = frozenset({"id", "aria-label", "aria-labelledby", "aria-describedby", "lang",
                       "xml:lang", "xml:space"})
#: The CSS functions a value may use: colours, transforms, and url(#name).
FUNCTIONS = frozenset({"url", "rgb", "rgba", "hsl", "hsla", "translate", "translatex",
                       "translatey", "scale", "rotate", "matrix", "skewx", "skewy"})
_VALUE_CHARACTERS = re.compile(r"[\w\s#.,%+\-'\"!/()]*")
_FUNCTION = re.compile(r"([a-z-]*)\s*\(")
_OWN_PART = re.compile(r"url\(\s*(['\"]?)#[\w.-]+\1\s*\)")
_FRAGMENT = re.compile(r"#[\w.-]+")
#: How deeply elements may nest.
DEEPEST = 64


class LogoRefused(ValueError):
    """Why an SVG logo may not be published (a phrase: 'has a script (<script>)...')."""


def _name(qualified: str) -> tuple[str, str]:
    """(namespace, local name) from expat's 'namespace}local'."""
    namespace, _, local = qualified.rpartition("}")
    return namespace, local


def value_problem(value: str) -> tuple[str, str] | None:
    """(what, why) when a presentation value (a colour, a length, a transform, a path)
    is unsafe: ('a CSS escape (a backslash)', 'it can hide a web address')."""
    folded = value.casefold()
    if "\\" in folded:
        return "a CSS escape (a backslash)", "it can hide a web address"
    if "/*" in folded:
        return "a CSS comment ('/*')", "it can hide a web address"
    if "@" in folded:
        return "'@' (as in @import)", "it can load a style sheet from another site"
    if not _VALUE_CHARACTERS.fullmatch(folded):
        odd = next(c for c in folded if not _VALUE_CHARACTERS.fullmatch(c))
        return f"the character {odd!r}", "a drawing's values do not need it"
    for call in _FUNCTION.finditer(folded):
        if call.group(1) not in FUNCTIONS:
            return (f"the CSS function {call.group(1) or '(...)'}()",
                    "a logo needs only colours, transforms and url(#name)")
        if call.group(1) == "url" and not _OWN_PART.match(folded, call.start()):
            return ("url() of another file or site",
                    "a logo may only use url(#name), naming one of its own parts")
    return None


def _style(value: str, where: str) -> str:
    """A style attribute with only presentation properties, each value checked."""
    if problem := value_problem(value.replace(":", " ").replace(";", " ")):
        raise LogoRefused(f"has {problem[0]} in the style of {where}: {problem[1]}")
    kept = []
    for declaration in value.split(";"):
        prop, colon, prop_value = declaration.partition(":")
        prop = prop.strip().casefold()
        if colon and prop in PRESENTATION and prop_value.strip():
            kept.append(f"{prop}:{prop_value.strip()}")
    return ";".join(kept)


def _attributes(element: str, pairs: list[str]) -> list[tuple[str, str]]:
    """The attributes of ``element`` that a logo keeps; LogoRefused for a hostile one."""
    kept = []
    where = f"<{element}>"
    for qualified, value in zip(pairs[::2], pairs[1::2], strict=True):
        namespace, local = _name(qualified)
        name = {XML: "xml:", XLINK: "xlink:", "": ""}.get(namespace, "?:") + local
        if local.casefold().startswith("on"):
            raise LogoRefused(f"has the event attribute {local} on {where}, which could run "
                              "code")
        if name in ("href", "xlink:href"):
            if element not in REFERRING or not _FRAGMENT.fullmatch(value.strip()):
                raise LogoRefused(f"refers to another file or site ({name}=\"{value[:60]}\" "
                                  f"on {where}); a logo may only point at its own parts, "
                                  "written '#name', from <use> or a gradient")
            kept.append((name, value.strip()))
        elif name == "style":
            if style := _style(value, where):
                kept.append((name, style))
        elif name in ATTRIBUTES:
            if name not in FREE_TEXT and (problem := value_problem(value)):
                raise LogoRefused(f"has {problem[0]} in the attribute {name} of {where}: "
                                  f"{problem[1]}")
            kept.append((name, value))
    return kept


#: Why an element outside the allow-list is refused, for the commonest ones.
_REFUSED = {
    "script": "has a script (<script>), which could run code",
    "style": "has a style sheet (<style>), which can load files from another site",
    "foreignObject": "embeds another document (<foreignObject>), which could run code",
    "image": "shows another file (<image>), which could come from another site",
    "a": "has a link (<a>), which a logo does not need: the site links it already",
}


class _Builder:
    """Rebuilds the logo from the parser's events (see the module's docstring)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (local name, kept?)
        self.uses_xlink = False
        self.root: str | None = None

    def start(self, qualified: str, pairs: list[str]) -> None:
        namespace, local = _name(qualified)
        if self.root is None:
            self.root = qualified
            if qualified != f"{SVG}}}svg":
                raise LogoRefused(f"is not an SVG image: it must start with <svg xmlns=\"{SVG}\">")
        if len(self.stack) >= DEEPEST:
            raise LogoRefused(f"has elements nested over {DEEPEST} deep")
        if any(not kept for _, kept in self.stack):
            self.stack.append((local, False))  # inside something left out
            return
        if namespace == SVG and local in DROPPED or namespace not in (SVG, XHTML, ""):
            self.stack.append((local, False))  # an editor's notes and attributes
            return
        if namespace != SVG or local not in ELEMENTS:
            raise LogoRefused(_REFUSED.get(local, f"uses <{local}>, which a logo may not: "
                                           "only shapes, gradients and text"))
        attributes = _attributes(local, pairs)
        self.uses_xlink |= any(name.startswith("xlink:") for name, _ in attributes)
        text = "".join(f' {name}="{_escape(value, True)}"' for name, value in attributes)
        self.out.append(f"<{local}{text}>")
        self.stack.append((local, True))

    def end(self, qualified: str) -> None:
        local, kept = self.stack.pop()
        if not kept:
            return
        last = self.out[-1]  # text never starts with '<': it is escaped
        if last.startswith("<") and not last.startswith("</") and not last.endswith("/>"):
            self.out[-1] = last[:-1] + "/>"  # its own start tag: nothing inside
        else:
            self.out.append(f"</{local}>")

    def text(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and self.stack[-1][0] in TEXT_ELEMENTS:
            self.out.append(_escape(data, False))

    def document(self, ending: str) -> str:
        if self.root is None:
            raise LogoRefused("is not an SVG image")
        namespaces = f' xmlns="{SVG}"' + (f' xmlns:xlink="{XLINK}"' if self.uses_xlink else "")
        return self.out[0][:4] + namespaces + self.out[0][4:] + "".join(self.out[1:]) + ending


def _escape(text: str, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = (text.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
                .replace("\r", "&#13;"))
    return text


def _refuse(reason: str):  # noqa: ANN202 - an expat handler
    def handler(*_args: object) -> None:
        raise LogoRefused(reason)
    return handler


@functools.lru_cache(maxsize=4)  # the build checks the logo, then publishes it
def safe_svg(content: bytes) -> bytes:
    """The logo rebuilt from the allow-list, as UTF-8; LogoRefused says why it cannot be.

    A logo that is already plain comes back as it was written (attributes in their order,
    an empty element as ``<circle .../>``), less comments and layout spaces."""
    builder = _Builder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    entities = "holds a document type or entities, which an SVG logo does not need"
    parser.StartDoctypeDeclHandler = _refuse(entities)
    parser.EntityDeclHandler = _refuse(entities)
    parser.ExternalEntityRefHandler = _refuse(entities)
    parser.ProcessingInstructionHandler = _refuse(
        "has a processing instruction (such as <?xml-stylesheet?>), which can load a style "
        "sheet from another site")
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise LogoRefused(f"is not a readable SVG image ({expat.ErrorString(exc.code)}, "
                          f"line {exc.lineno})") from None
    ending = "\n" if content.endswith(b"\n") else ""
    return builder.document(ending).encode("utf-8")
