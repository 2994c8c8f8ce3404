"""A JSON-schema subset validator for the published OpenAPI files
(python3 stdlib plus PyYAML, which script/bootstrap installs).

It covers what shared/api/openapi uses in response objects: type, nullable,
required, properties, items, enum, pattern, minItems, $ref (JSON pointers
into the same file, also into nested properties), allOf, oneOf, anyOf and
discriminator mappings. Keys next to a $ref are applied as well (the files
combine them). Unknown keywords (format, title, description, x-*) are not
checked; extra properties are allowed, as decisions.md says.

    spec = Spec.load("payment-api.yaml")
    errors = spec.validate(obj, "#/components/schemas/payment")
    -> [("$.origins[0].account.accountHolder", "null is not a string"), ...]
"""
import json
import os
import re

try:
    import yaml
except ImportError:  # pragma: no cover - bootstrap installs python3-yaml
    yaml = None

SOURCE_DIR = os.environ.get("SOURCE_DIR", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def openapi_dir():
    """shared/api/openapi: $OPENAPI_DIR, else beside the repository."""
    for d in (os.environ.get("OPENAPI_DIR"),
              os.path.join(SOURCE_DIR, "..", "..", "shared", "api", "openapi"),
              "/work/shared/api/openapi"):
        if d and os.path.isdir(d):
            return d
    raise RuntimeError("the published OpenAPI files are not found; set "
                       "OPENAPI_DIR")


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and
    not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


class Spec:
    def __init__(self, doc, name):
        self.doc = doc
        self.name = name

    @classmethod
    def load(cls, filename):
        path = os.path.join(openapi_dir(), filename)
        with open(path, encoding="utf-8") as f:
            if filename.endswith(".json"):
                return cls(json.load(f), filename)
            if yaml is None:
                raise RuntimeError("PyYAML is needed (script/bootstrap)")
            return cls(yaml.safe_load(f), filename)

    def resolve(self, ref):
        assert ref.startswith("#/"), ref
        node = self.doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[part]
        return node

    def response_schema(self, path, method="get", status="200"):
        r = self.doc["paths"][path][method]["responses"][status]
        if "$ref" in r:
            r = self.resolve(r["$ref"])
        return r["content"]["application/json"]["schema"]

    def validate(self, value, schema, where="$"):
        """Violations as (instance path, reason); [] when valid."""
        if isinstance(schema, str):
            schema = self.resolve(schema)
        out = []
        self._check(value, schema, where, out, 0)
        return out

    # -- internals ----------------------------------------------------
    def _check(self, v, s, where, out, depth):
        if depth > 64:
            out.append((where, "schema nesting too deep"))
            return
        if "$ref" in s:
            self._check(v, self.resolve(s["$ref"]), where, out, depth + 1)
        if v is None:
            if s.get("nullable") or "type" not in s:
                return
            out.append((where, "null is not a%s %s" % (
                "n" if s["type"][0] in "aeiou" else "", s["type"])))
            return
        t = s.get("type")
        if t and not TYPES[t](v):
            out.append((where, "%s is not a%s %s" % (
                type(v).__name__, "n" if t[0] in "aeiou" else "", t)))
            return
        if "enum" in s and v not in s["enum"]:
            out.append((where, "%r is not one of %s" % (v, s["enum"])))
        if "pattern" in s and isinstance(v, str) and \
                not re.search(s["pattern"], v):
            out.append((where, "%r does not match %s" % (v, s["pattern"])))
        if isinstance(v, dict):
            for k in s.get("required", ()):
                if k not in v:
                    out.append((where, "required property %s is missing" % k))
            for k, sub in s.get("properties", {}).items():
                if k in v:
                    self._check(v[k], sub, "%s.%s" % (where, k), out,
                                depth + 1)
        if isinstance(v, list):
            if len(v) < s.get("minItems", 0):
                out.append((where, "fewer than %d items" % s["minItems"]))
            if "items" in s:
                for i, item in enumerate(v):
                    self._check(item, s["items"], "%s[%d]" % (where, i), out,
                                depth + 1)
        for sub in s.get("allOf", ()):
            self._check(v, sub, where, out, depth + 1)
        self._alternatives(v, s, where, out, depth)

    def _alternatives(self, v, s, where, out, depth):
        disc = s.get("discriminator")
        if disc and isinstance(v, dict):
            target = disc.get("mapping", {}).get(v.get(disc["propertyName"]))
            if target:
                self._check(v, {"$ref": target}, where, out, depth + 1)
                return
        for key, want_one in (("oneOf", True), ("anyOf", False)):
            if key not in s:
                continue
            fits = []
            best = None
            for sub in s[key]:
                errs = []
                self._check(v, sub, where, errs, depth + 1)
                if not errs:
                    fits.append(sub)
                elif best is None or len(errs) < len(best):
                    best = errs
            if not fits:
                out.append((where, "matches none of %s (closest: %s)" % (
                    key, "; ".join("%s %s" % e for e in (best or [])[:3]))))
            elif want_one and len(fits) > 1:
                out.append((where, "matches %d of oneOf" % len(fits)))
