"""Whether extraction quality holds on unseen text: each dev set scored in two halves (by hand).

    .venv/bin/python benchmarks/split_halves.py [--eval ../shared/eval]

The dev sets of the shared evaluation are where extraction rules are checked, so their figures
may flatter the rules. A held-out set is kept elsewhere; as a stand-in, this script splits each
dev set into its odd and its even lines, scores both halves with the shared scorer (family
level) and prints each half's F1 next to the whole set's: halves far apart point to rules that
fit particular sentences rather than general constructions. The target is that a held-out half
lands within 0.08 F1 of the dev figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def family(scorer: Path, path: Path) -> dict[str, float]:
    """The shared scorer's family figures for one gold file."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run([sys.executable, str(scorer), str(path), "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)[0]["family"]


def main() -> None:
    """Score every dev set whole and in halves; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval",
                        help="the shared evaluation directory (holds score.py and dev/)")
    args = parser.parse_args()
    scorer = args.eval / "score.py"
    sets = sorted((args.eval / "dev").glob("*.jsonl"))
    if not scorer.exists() or not sets:
        sys.exit(f"no scorer or dev sets under {args.eval}")
    print(f"{'set':<18} {'texts':>5}  {'F1 all':>6}  {'F1 odd':>6}  {'F1 even':>7}  "
          f"{'largest gap':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in sets:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
            f1 = {"all": family(scorer, path)["f1"]}
            for name, half in (("odd", lines[0::2]), ("even", lines[1::2])):
                part = Path(tmp) / f"{path.stem}-{name}.jsonl"
                part.write_text("\n".join(half) + "\n", encoding="utf-8")
                f1[name] = family(scorer, part)["f1"]
            gap = max(abs(f1["odd"] - f1["all"]), abs(f1["even"] - f1["all"]))
            print(f"{path.stem:<18} {len(lines):>5}  {f1['all']:>6.3f}  {f1['odd']:>6.3f}  "
                  f"{f1['even']:>7.3f}  {gap:>11.3f}")


if __name__ == "__main__":
    main()
