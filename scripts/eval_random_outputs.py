"""Random pipeline outputs (noisy.out.json, clean.out.json) for every case of a set, for the differential
check of the docsift-eval scorer against score.py (eval/tests/differential.rs: matches_score_py_on_random_outputs).

    python3 scripts/eval_random_outputs.py SCORER_DIR CASES_DIR OUT_DIR SEED

SCORER_DIR holds score.py and inject.py (fixtures/scorer, or shared/eval).
"""
import json, os, random, shutil, sys, zlib
sys.path.insert(0, sys.argv[1])
from inject import bare
from score import SCORE_MARKER as MARKER, marker_ordinal

QUALS = ["exact", "at_least", "at_most", "about", "more_than", "less_than"]
UNITS = [None, "个", "%", "亿元", "所"]

def rand_doc(lines, truth, rng, name):
    n = len(lines)
    md = {"title": rng.choice([None, lines[0], "标题（一）"]), "issuers": rng.sample(["国务院", "教育部", "x_y"], rng.randint(0, 2)),
          "doc_number": rng.choice([None, "国发〔2022〕1号"]), "date": rng.choice([None, "2022年3月1日"]),
          "recipients": [lines[i] for i in rng.sample(range(n), min(n, rng.randint(0, 2)))],
          "lines": [[a, a + rng.randint(0, 2)] for a in rng.sample(range(1, n + 1), min(n, rng.randint(0, 3)))]}
    removed, pre, top = [], [], []
    stack = []  # (depth, node)
    i = 1
    def para(a):
        b = min(n, a + rng.choice([0, 0, 0, 1, 2, 3]))
        txt = "".join(lines[a - 1:b])
        if rng.random() < 0.01:  # a span running past the end
            b = n + 7
        if rng.random() < 0.1:
            txt = txt[: len(txt) // 2]
        return {"text": txt, "lines": [a, b], "flags": []}, b
    def target(k):
        r = random.Random(zlib.crc32(lines[k - 1].encode()))
        return {"value": r.choice([20.0, 14.0, 0.5, -0.0, 0.0, 3e20]), "unit": r.choice(UNITS), "qualifier": rng.choice(QUALS[:2]) if rng.random() < 0.3 else r.choice(QUALS),
                "object": None, "each": None, "deadline": None, "text": "", "lines": [k, k], "node": None}
    while i <= n:
        t = lines[i - 1]
        if not t.strip():
            i += 1; continue
        if i in truth and rng.random() < 0.75 or rng.random() < 0.04:
            b = min(n, i + rng.choice([0, 0, 1]))
            removed.append({"reason": "garbage", "text": t, "lines": [i, b if rng.random() > 0.01 else n + 9], "duplicate_of": None, "detail": None})
            i = b + 1; continue
        m = MARKER.match(bare(t))
        if m and rng.random() < 0.85 or rng.random() < 0.03:
            depth = rng.randint(1, min(4, len(stack) + 1))
            del stack[depth - 1:]
            inferred = rng.random() < 0.08
            node = {"id": "x", "depth": depth, "style": "arabic_dot", "marker": None if inferred else (m.group(0) if m else "?"),
                    "ordinal": marker_ordinal(m.group(0)) if m and rng.random() < 0.9 and 0 <= marker_ordinal(m.group(0)) else rng.randint(0, 30),
                    "title": rng.choice([t, None, t[:3]]), "paragraphs": [], "targets": [], "inferred": inferred, "flags": [],
                    "lines": [i, i + rng.choice([0, 0, 0, 1])], "children": []}
            if rng.random() < 0.4:
                node["targets"] = [target(i) for _ in range(rng.randint(1, 3))]
            (stack[-1][1]["children"] if stack else top).append(node)
            stack.append((depth, node))
            i += 1; continue
        p, b = para(i)
        if stack:
            stack[-1][1]["paragraphs"].append(p)
            if rng.random() < 0.2:
                stack[-1][1]["targets"].append(target(i))
        else:
            pre.append(p)
        i = b + 1
    return {"schema": "docsift/1", "source": {"name": name, "bytes": 0, "sha256": "", "encoding": "UTF-8", "lines": n},
            "metadata": md, "preamble": pre, "sections": top, "targets": [], "removed": removed, "warnings": []}

src, dst, seed = sys.argv[2], sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)
for case in sorted(os.listdir(src)):
    d = os.path.join(src, case)
    if not os.path.isfile(os.path.join(d, "labels.json")):
        continue
    o = os.path.join(dst, case)
    os.makedirs(o, exist_ok=True)
    for f in ["clean.md", "noisy.md", "labels.json"]:
        shutil.copy(os.path.join(d, f), o)
    labels = json.load(open(os.path.join(d, "labels.json"), encoding="utf-8"))
    truth = {ln for ln, _, _ in labels["noise"]} | {l for a, b in labels["duplicate"] for l in range(a, b + 1)}
    for f in ["clean", "noisy"]:
        if rng.random() < 0.03:
            continue
        lines = open(os.path.join(d, f + ".md"), encoding="utf-8").read().split("\n")
        json.dump(rand_doc(lines, truth if f == "noisy" else set(), rng, f), open(os.path.join(o, f + ".out.json"), "w", encoding="utf-8"), ensure_ascii=False)
