"""Command line: ``python -m thematica.demo OUT_DIR [--seed N] [--study NAME ...] [--scale N]``.

``--scale 1000`` writes ``OUT_DIR/demo_physicians_1000`` (1,000 interviews; add ``--study demo_alliance`` for
the other bank): a corpus for timing the pipeline at scale.
"""

from __future__ import annotations

import argparse
import logging

from thematica.demo import DEMO_STUDIES, generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m thematica.demo", description=__doc__)
    parser.add_argument("out_dir", help="folder that receives one sub-folder per study (e.g. data/raw)")
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default: the committed demo seed)"
    )
    parser.add_argument(
        "--study", action="append", choices=DEMO_STUDIES, help="study to write (default: all)"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="N",
        help="write each study with N interviews instead, as <study>_N (a large corpus for timing)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    default = ("demo_physicians",) if args.scale else DEMO_STUDIES
    generate(args.out_dir, args.seed, tuple(args.study or default), scale=args.scale)


if __name__ == "__main__":
    main()
