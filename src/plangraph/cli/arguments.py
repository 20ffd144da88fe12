"""Values given on the command line, read into what the library takes: ``--param NAME=VALUE``
pairs, the credentials in the environment variable that ``--auth-env`` names, and the
``--endpoint`` URL. Errors name the option the value came from."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable

from plangraph.errors import UsageError
from plangraph.sparql.params import PARAM_NAME, parse_term
from plangraph.sparql.terms import Term
from plangraph.store.http import check_url

__all__ = ["authorization_from_env", "endpoint_url", "parse_params"]


def parse_params(pairs: Iterable[str]) -> dict[str, Term]:
    """``["organisation=id:organisation/x", ...]`` -> ``{"organisation": URIRef(...)}``."""
    params: dict[str, Term] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not PARAM_NAME.fullmatch(name):
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE, NAME being a variable of the "
                             "query without its '?' (e.g. --param organisation=id:organisation/x)")
        if name in params:
            raise UsageError(f"--param {name} is given twice (expected one value per parameter)")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, which Python keeps as surrogates
            shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UsageError(f"--param {name}={shown!r}: the value is not UTF-8 text (expected text "
                             "in the terminal's UTF-8 encoding)") from None
        params[name] = parse_term(value)
    return params


def authorization_from_env(variable: str | None) -> str | None:
    """The ``Authorization`` header value held by the environment variable ``variable``.

    ``user:password`` gives HTTP Basic; a value starting with ``Bearer `` or ``Basic `` is sent
    as it stands; any other value is a bearer token. The value never appears in a message.
    """
    if not variable:
        return None
    secret = os.environ.get(variable, "")
    if not secret.strip():
        raise UsageError(f"--auth-env {variable}: the environment variable {variable} is not set or "
                         "empty (expected user:password for Basic auth, or a bearer token)")
    secret = secret.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in secret):
        # an HTTP header holds one line: the library's refusal would print the value
        raise UsageError(f"--auth-env {variable}: the value of {variable} holds a line break or another "
                         "control character (expected one line: user:password, or a bearer token)")
    if ":" in secret and not secret.startswith(("Bearer ", "Basic ")):
        return "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    if not secret.isascii():
        # an HTTP header holds ASCII: the library's refusal would quote the character
        raise UsageError(f"--auth-env {variable}: the value of {variable} holds a character that is not "
                         "ASCII (expected a token of ASCII characters, or user:password)")
    return secret if secret.startswith(("Bearer ", "Basic ")) else f"Bearer {secret}"


def endpoint_url(url: str, option: str = "--endpoint") -> str:
    """``--endpoint URL`` (or ``option``), refused as the library refuses it, the option named in
    the message."""
    try:
        return check_url(url)
    except UsageError as err:
        hint = "Put them in an environment variable and name it with --auth-env" if "credentials" in err.message else None
        raise UsageError(f"{option} {err.message}", hint=hint) from err
