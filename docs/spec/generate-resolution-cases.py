#!/usr/bin/env python3
"""Writes the cases of resolution-vectors.json: layers and scopes, with the expected config of each.

The expected configs here are worked by hand from the rules in ../concepts.md (RFC 7396 merge,
least specific layer first, the last dimension the most significant bit of specificity):
    python3 docs/spec/generate-resolution-cases.py > docs/spec/resolution-vectors.json
"""
import json

suites = []

DIMS = ["environment", "site", "tenant"]
LAYERS = [
    {"selector": {}, "content": {"pool": {"size": 10, "timeout": 30}, "color": "blue", "features": ["a"],
                                  "limits": {"rps": 100, "burst": 200}}},
    {"selector": {"environment": "prod"}, "content": {"pool": {"size": 50}, "color": "green"}},
    {"selector": {"site": "us-east-1"}, "content": {"pool": {"timeout": 10}, "region": "us"}},
    {"selector": {"environment": "prod", "site": "us-east-1"}, "content": {"pool": {"size": 60}, "features": ["b"]}},
    {"selector": {"tenant": "acme"}, "content": {"color": "red", "limits": {"burst": None}}},
    {"selector": {"environment": "prod", "tenant": "acme"}, "content": {"pool": {"size": 70}}},
    {"selector": {"environment": "dev", "site": "us-east-1", "tenant": "acme"}, "content": {"pool": None, "color": "pink"}},
]

# expected configs, worked by hand
CASES = [
    ({"environment": "dev", "site": "eu-west-1", "tenant": "globex"},
     {"pool": {"size": 10, "timeout": 30}, "color": "blue", "features": ["a"], "limits": {"rps": 100, "burst": 200}},
     "only the defaults match"),
    ({"environment": "prod", "site": "eu-west-1", "tenant": "globex"},
     {"pool": {"size": 50, "timeout": 30}, "color": "green", "features": ["a"], "limits": {"rps": 100, "burst": 200}},
     "objects merge recursively, scalars replace"),
    ({"environment": "prod", "site": "us-east-1", "tenant": "globex"},
     {"pool": {"size": 60, "timeout": 10}, "color": "green", "features": ["b"], "limits": {"rps": 100, "burst": 200},
      "region": "us"},
     "(prod,us-east-1,*) beats (*,us-east-1,*) and (prod,*,*); arrays replace"),
    ({"environment": "prod", "site": "us-east-1", "tenant": "acme"},
     {"pool": {"size": 70, "timeout": 10}, "color": "red", "features": ["b"], "limits": {"rps": 100},
      "region": "us"},
     "(*,*,acme) beats (prod,us-east-1,*); (prod,*,acme) beats (*,*,acme); null removes"),
    ({"environment": "dev", "site": "us-east-1", "tenant": "acme"},
     {"color": "pink", "features": ["a"], "limits": {"rps": 100}, "region": "us"},
     "null removes a whole inherited object"),
    ({"environment": "prod", "tenant": "acme"},
     {"pool": {"size": 70, "timeout": 30}, "color": "red", "features": ["a"], "limits": {"rps": 100}},
     "a missing dimension is a value no layer names: only * matches it"),
    ({},
     {"pool": {"size": 10, "timeout": 30}, "color": "blue", "features": ["a"], "limits": {"rps": 100, "burst": 200}},
     "an empty scope gets the defaults"),
]
suites.append({"name": "three dimensions", "dimensions": DIMS, "layers": LAYERS,
               "cases": [{"scope": s, "expected": e, "why": w} for s, e, w in CASES]})

suites.append({"name": "no defaults layer", "dimensions": DIMS,
               "layers": [{"selector": {"environment": "prod"}, "content": {"a": 1}}],
               "cases": [
                   {"scope": {"environment": "prod"}, "expected": {"a": 1}, "why": "one layer"},
                   {"scope": {"environment": "dev"}, "expected": None,
                    "why": "a scope that no layer matches has no config"},
               ]})

suites.append({"name": "custom dimensions", "dimensions": ["region", "cluster"],
               "layers": [
                   {"selector": {}, "content": {"x": {"y": 1, "z": 1}}},
                   {"selector": {"region": "eu"}, "content": {"x": {"y": 2}}},
                   {"selector": {"cluster": "c1"}, "content": {"x": {"y": 3}}},
               ],
               "cases": [
                   {"scope": {"region": "eu", "cluster": "c1"}, "expected": {"x": {"y": 3, "z": 1}},
                    "why": "the last dimension is the most significant"},
                   {"scope": {"region": "eu", "cluster": "c2"}, "expected": {"x": {"y": 2, "z": 1}},
                    "why": "only region matches"},
               ]})

print(json.dumps({"description": "Layer resolution vectors: see README.md in this directory.", "suites": suites},
                 indent=1))
