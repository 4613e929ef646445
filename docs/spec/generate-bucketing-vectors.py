#!/usr/bin/env python3
"""Reference implementation of Cascade bucketing and generator of bucketing-vectors.json.

Independent of the Java code on purpose: the Java tests check Bucketing against the vectors this
writes, so two implementations agree bit for bit. Run from the repository root:

    python3 docs/spec/generate-bucketing-vectors.py > docs/spec/bucketing-vectors.json
"""
import json


def murmur3_x86_32(data: bytes, seed: int = 0) -> int:
    c1, c2 = 0xCC9E2D51, 0x1B873593
    mask = 0xFFFFFFFF
    h1 = seed
    rounded = len(data) - len(data) % 4
    for i in range(0, rounded, 4):
        k1 = int.from_bytes(data[i:i + 4], "little")
        k1 = (k1 * c1) & mask
        k1 = ((k1 << 15) | (k1 >> 17)) & mask
        k1 = (k1 * c2) & mask
        h1 ^= k1
        h1 = ((h1 << 13) | (h1 >> 19)) & mask
        h1 = (h1 * 5 + 0xE6546B64) & mask
    tail = data[rounded:]
    if tail:
        k1 = int.from_bytes(tail, "little")
        k1 = (k1 * c1) & mask
        k1 = ((k1 << 15) | (k1 >> 17)) & mask
        k1 = (k1 * c2) & mask
        h1 ^= k1
    h1 ^= len(data)
    h1 ^= h1 >> 16
    h1 = (h1 * 0x85EBCA6B) & mask
    h1 ^= h1 >> 13
    h1 = (h1 * 0xC2B2AE35) & mask
    h1 ^= h1 >> 16
    return h1


def bucket(salt: str, key: str) -> int:
    return murmur3_x86_32((salt + "/" + key).encode("utf-8")) % 100000


def vectors():
    salts = ["new-checkout", "beta-tenants", "", "flag.with.dots_and-dashes", "ünïcödé", "日本語"]
    keys = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh",
            "user-1", "user-2", "user-42", "acme", "globex", "host-17.us-east-1",
            "José", "Ελλάδα", "東京", "🚀", "a🚀b", "Ünïcödé 日本 🚀 mixed",
            "with/slash", " leading and trailing space ", "tab\tinside", "quote\"inside",
            "backslash\\inside", "x" * 100, "0123456789" * 100]
    seen = set()
    out = []
    for salt in salts:
        for key in keys:
            if (salt, key) not in seen:
                seen.add((salt, key))
                out.append((salt, key))
    for n in range(40):
        out.append(("new-checkout", "user-%d" % (1000 + n * 7919)))
    return [{"salt": s, "key": k, "bucket": bucket(s, k)} for s, k in out]


if __name__ == "__main__":
    items = vectors()
    print("[")
    for i, v in enumerate(items):
        print("  " + json.dumps(v, ensure_ascii=False) + ("," if i + 1 < len(items) else ""))
    print("]")
