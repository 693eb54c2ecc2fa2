"""The served OpenAPI document matches the routes the server really has."""

import re

from openapi_spec_validator import validate

from jupyter_ext.handlers import API_BASE, build_handlers


def _route_to_openapi(pattern: str) -> str:
    path = pattern[len(API_BASE) :]
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)


async def test_openapi_is_valid_and_lists_exactly_the_served_routes(api):
    status, spec = await api("GET", "openapi.json")
    assert status == 200
    validate(spec)
    documented = set(spec["paths"])
    served = {_route_to_openapi(pattern) for pattern, _ in build_handlers()}
    assert documented == served


async def test_every_served_verb_is_documented():
    import json
    from pathlib import Path

    import jupyter_ext

    spec = json.loads((Path(jupyter_ext.__file__).parent / "openapi.json").read_text())
    for pattern, handler in build_handlers():
        path = _route_to_openapi(pattern)
        verbs = {
            verb
            for verb in ("get", "post", "delete", "put", "patch")
            if verb in vars(handler)  # defined on the handler itself, not inherited
        }
        assert verbs == set(spec["paths"][path]), (path, verbs)
