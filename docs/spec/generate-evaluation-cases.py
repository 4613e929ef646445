#!/usr/bin/env python3
"""Writes the cases of evaluation-vectors.json: flag and segment documents and contexts.

The expected answers are filled in by the reference evaluator, reviewed in the diff:
    python3 docs/spec/generate-evaluation-cases.py > docs/spec/evaluation-vectors.json
    mvn -pl evaluator -am test -Dtest=EvaluationVectorsTest -Dvectors.update=true
"""
import json

FLAGS = [
    {"key": "targets", "type": "boolean", "variations": {"on": True, "off": False},
     "environments": {"prod": {"enabled": True, "offVariation": "off",
                               "targets": {"on": ["user-1", "user-2"], "off": ["user-3"]},
                               "fallthrough": {"serve": "off"}}}},
    {"key": "disabled", "type": "string", "variations": {"a": "A", "b": "B"},
     "environments": {"prod": {"enabled": False, "offVariation": "b",
                               "targets": {"a": ["user-1"]}, "fallthrough": {"serve": "a"}}}},
    {"key": "split", "type": "string", "variations": {"a": "A", "b": "B", "c": "C"},
     "environments": {"prod": {"enabled": True, "offVariation": "a",
                               "fallthrough": {"split": [{"serve": "a", "weight": 25}, {"serve": "b", "weight": 50.125},
                                                         {"serve": "c", "weight": 24.875}]}}}},
    {"key": "salted", "type": "boolean", "variations": {"on": True, "off": False}, "salt": "shared-salt",
     "environments": {"prod": {"enabled": True, "offVariation": "off",
                               "fallthrough": {"split": [{"serve": "on", "weight": 50}, {"serve": "off", "weight": 50}]}}}},
    {"key": "number", "type": "number", "variations": {"low": 1, "mid": 2.5, "high": 1000000},
     "environments": {"prod": {"enabled": True, "offVariation": "low",
                               "rules": [{"id": "big", "when": "spend >= 1000", "serve": "high"},
                                         {"id": "some", "when": "spend > 10 and spend < 1000", "serve": "mid"}],
                               "fallthrough": {"serve": "low"}}}},
    {"key": "json", "type": "json",
     "variations": {"small": {"limits": {"rps": 10}, "tags": ["x"]}, "large": {"limits": {"rps": 1000}, "tags": ["x", "y"]}},
     "environments": {"prod": {"enabled": True, "offVariation": "small",
                               "rules": [{"id": "paid", "when": "plan != \"free\"", "serve": "large"}],
                               "fallthrough": {"serve": "small"}}}},
    # an invalid document (a variation without a value): evaluates as PARSE_ERROR
    {"key": "broken", "type": "json", "variations": {"none": None},
     "environments": {"prod": {"enabled": True, "offVariation": "none", "fallthrough": {"serve": "none"}}}},
    {"key": "dev-only", "type": "boolean", "variations": {"on": True, "off": False},
     "environments": {"dev": {"enabled": True, "offVariation": "off", "fallthrough": {"serve": "on"}}}},
]

OPERATORS = [
    ("eq-string", "country == \"US\""),
    ("ne-string", "country != \"US\""),
    ("eq-number", "age == 42"),
    ("ne-number", "age != 42"),
    ("lt", "age < 18"),
    ("le", "age <= 18"),
    ("gt", "age > 65"),
    ("ge", "age >= 65"),
    ("eq-bool", "beta == true"),
    ("bare-bool", "beta"),
    ("in-list", "country in [\"US\", \"CA\"]"),
    ("in-numbers", "age in [1, 2, 3.5]"),
    ("not-in", "country not in [\"US\", \"CA\"]"),
    ("in-list-attr", "\"admin\" in roles"),
    ("contains-string", "email contains \"@corp\""),
    ("contains-list", "roles contains \"admin\""),
    ("starts-with", "email startsWith \"ops-\""),
    ("ends-with", "email endsWith \"@example.com\""),
    ("matches", "region matches \"^eu-(west|north)-[0-9]$\""),
    ("and", "country == \"US\" and age >= 18"),
    ("or", "country == \"US\" or age >= 18"),
    ("not", "not (country == \"US\")"),
    ("nested-not", "not (country == \"US\" or beta)"),
    ("exists", "exists(user.tier)"),
    ("nested-path", "user.tier == \"gold\""),
    ("semver-ge", "semver(sdkVersion) >= semver(\"2.3.0\")"),
    ("semver-lt", "semver(sdkVersion) < semver(\"2.3.0\")"),
    ("date-ge", "signupAt >= @2026-01-01T00:00:00Z"),
    ("date-lt", "signupAt < @2026-01-01"),
    ("percent", "percent(hostId) < 25"),
    ("segment", "tenant in segment(\"beta\")"),
    ("not-in-segment", "tenant not in segment(\"beta\")"),
    ("segment-of-segment", "tenant in segment(\"nested\")"),
]

for name, when in OPERATORS:
    FLAGS.append({"key": "op-" + name, "type": "boolean", "variations": {"yes": True, "no": False},
                  "environments": {"prod": {"enabled": True, "offVariation": "no",
                                            "rules": [{"id": name, "when": when, "serve": "yes"}],
                                            "fallthrough": {"serve": "no"}}}})

FLAGS.append({"key": "rule-split", "type": "string", "variations": {"a": "A", "b": "B"},
              "environments": {"prod": {"enabled": True, "offVariation": "a",
                                        "targets": {"b": ["user-2"]},
                                        "rules": [{"id": "us", "when": "country == \"US\"",
                                                   "split": [{"serve": "a", "weight": 30}, {"serve": "b", "weight": 70}]},
                                                  {"id": "ca", "when": "country == \"CA\"", "serve": "b"}],
                                        "fallthrough": {"serve": "a"}}}})

SEGMENTS = [
    {"key": "beta", "included": ["acme", "globex"], "excluded": ["initech"], "when": "plan == \"enterprise\""},
    {"key": "nested", "included": [], "excluded": ["acme"], "when": "tenant in segment(\"beta\")"},
]

CONTEXTS = [
    {"targetingKey": "user-1"},
    {"targetingKey": "user-2", "country": "US", "age": 42},
    {"targetingKey": "user-3", "country": "CA", "age": 17},
    {"targetingKey": "user-4", "country": "DE", "age": 18, "beta": True},
    {"targetingKey": "user-5", "country": "US", "age": 65, "beta": False, "plan": "free"},
    {"targetingKey": "user-6", "country": "FR", "age": 70, "plan": "enterprise", "tenant": "umbrella"},
    {"targetingKey": "user-7", "tenant": "acme", "plan": "free"},
    {"targetingKey": "user-8", "tenant": "initech", "plan": "enterprise"},
    {"targetingKey": "user-9", "tenant": "globex"},
    {"targetingKey": "user-10", "email": "ops-1@example.com", "roles": ["admin", "dev"], "spend": 1000},
    {"targetingKey": "user-11", "email": "x@corp.example.org", "roles": ["dev"], "spend": 999.99},
    {"targetingKey": "user-12", "region": "eu-west-1", "sdkVersion": "2.3.0", "signupAt": "2026-01-01T00:00:00Z"},
    {"targetingKey": "user-13", "region": "eu-south-1", "sdkVersion": "2.3.0-rc.1", "signupAt": "2025-12-31T23:59:59Z"},
    {"targetingKey": "user-14", "region": "EU-west-1", "sdkVersion": "v10.0", "signupAt": 1767225600000},
    {"targetingKey": "user-15", "sdkVersion": "not-a-version", "signupAt": "yesterday", "hostId": "host-a"},
    {"targetingKey": "user-16", "hostId": "host-b", "user": {"tier": "gold"}},
    {"targetingKey": "user-17", "user": {"tier": "silver"}, "age": 3.5},
    {"targetingKey": "user-18", "age": "42", "country": 1, "beta": "true", "roles": "admin", "spend": "1000"},
    {"targetingKey": "user-19", "email": 5, "region": ["eu-west-1"], "hostId": 7, "user": "gold"},
    {"country": "US", "age": 30},
    {"targetingKey": "", "country": "US"},
    {"targetingKey": "k-\u6771\u4eac", "country": "US", "age": 1},
    {"targetingKey": "k-\U0001F680", "tenant": "globex", "plan": "enterprise"},
]

cases = []
for context in CONTEXTS:
    for flag in FLAGS:
        cases.append({"flag": flag["key"], "type": "any", "context": context})
# typed evaluations: a default, and type mismatches
for context in CONTEXTS[:4]:
    cases.append({"flag": "targets", "type": "boolean", "default": False, "context": context})
    cases.append({"flag": "targets", "type": "string", "default": "fallback", "context": context})
    cases.append({"flag": "number", "type": "number", "default": -1, "context": context})
    cases.append({"flag": "json", "type": "boolean", "default": True, "context": context})
    cases.append({"flag": "split", "type": "string", "default": "fallback", "context": context})
    cases.append({"flag": "missing-flag", "type": "boolean", "default": True, "context": context})
    cases.append({"flag": "dev-only", "type": "boolean", "default": True, "context": context})

doc = {
    "description": "Flag evaluation vectors: see README.md in this directory.",
    "environment": "prod",
    "flags": FLAGS,
    "segments": SEGMENTS,
    "cases": cases,
}
print(json.dumps(doc, indent=1, ensure_ascii=False))
