"""Command line: ``python -m thematica.demo OUT_DIR [--seed N] [--study NAME ...]``."""

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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    generate(args.out_dir, args.seed, tuple(args.study or DEMO_STUDIES))


if __name__ == "__main__":
    main()
