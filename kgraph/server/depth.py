"""How deeply a SPARQL text nests brackets, counted before any parser sees it.

Parsers recurse once per level (rdflib's raises ``RecursionError`` near 25 levels of
parentheses; Oxigraph's overflows the C stack near 3,000 levels of braces and kills the
process), so the server refuses a query nested deeper than its limit up front. Brackets inside
strings, IRIs and comments do not count.

Examples:
    >>> nesting_depth("SELECT * WHERE { ?s ?p ?o FILTER((1 + 2) > 0) }")
    3
    >>> nesting_depth('ASK { ?s ?p "{{{{" } # (((')
    1
    >>> nesting_depth("SELECT * WHERE { ?s <urn:x{}> ?o FILTER(1 < 2 && 3 > (2)) }")
    3
"""

from __future__ import annotations

import re

__all__ = ["nesting_depth"]

# the tokens that matter: a comment, an IRI, a string (long or short) or a bracket; a "<" that
# opens no IRI is the less-than operator
_TOKENS = re.compile(
    r"""\#[^\n\r]*
      | <[^<>"{}|^`\\\x00-\x20]*>
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*'
      | [{}()\[\]]""",
    re.VERBOSE | re.DOTALL,
)


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{}``, ``()`` and ``[]`` in a SPARQL text, outside strings,
    IRIs and comments; unbalanced brackets are counted as they open.

    Args:
        text: a SPARQL query or update.

    Returns:
        The number of brackets open at once at the deepest point.
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        bracket = match.group()
        if bracket in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in "})]":
            depth = max(0, depth - 1)
    return deepest
