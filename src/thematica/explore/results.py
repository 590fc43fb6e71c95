"""A study's pipeline outputs as one object: every table by name, read on first use.

:func:`load_study` finds the study's folder and settings in the configuration the results were made with
(the manifest written at the end of a full run: ``results/manifest.json`` for the default config,
``results/<config name>/manifest.json`` for another config file; else ``config/config.yaml``) and returns a
:class:`StudyResults`. Its tables are the files the workflow wrote under ``data/processed/<study>/`` and
``results/<study>/`` (see :data:`TABLES`); nothing is recomputed.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from thematica.errors import ThematicaError
from thematica.ingest.folder import Study
from thematica.ingest.folder import load_study as load_study_folder
from thematica.ingest.study import read_canonical
from thematica.support.tables import read_parquet

log = logging.getLogger(__name__)

#: Table name -> file, relative to the pipeline's working directory (``{study}`` is the study's name).
TABLES: dict[str, str] = {
    "segments": "data/processed/{study}/segments.parquet",
    "codebook": "data/processed/{study}/codebook.parquet",
    "codings": "data/processed/{study}/codings.parquet",
    "coder_transcripts": "data/processed/{study}/coder_transcripts.parquet",
    "segment_codes": "data/processed/{study}/segment_codes.parquet",
    "consensus": "data/processed/{study}/consensus.parquet",
    "ledger": "results/{study}/qa/ledger.csv",
    "deid_report": "results/{study}/qa/deid_report.csv",
    "codes_unplaced": "results/{study}/qa/codes_unplaced.csv",
    "codes_ledger": "results/{study}/qa/codes_ledger.csv",
    "topic_info": "results/{study}/topics/topic_info.csv",
    "segment_topics": "results/{study}/topics/segment_topics.parquet",
    "quotes": "results/{study}/topics/quotes.csv",
    "stability": "results/{study}/topics/stability.csv",
    "recovery": "results/{study}/topics/recovery.csv",
    "crosswalk": "results/{study}/topics/crosswalk.csv",
    "crosswalk_summary": "results/{study}/topics/crosswalk_summary.csv",
    "code_keywords": "results/{study}/topics/code_keywords.csv",
    "alpha": "results/{study}/reliability/alpha.csv",
    "pairs": "results/{study}/reliability/pairs.csv",
    "unitized": "results/{study}/reliability/unitized.csv",
    "coefficients": "results/{study}/reliability/coefficients.csv",
    "machine": "results/{study}/reliability/machine.csv",
    "learning_curve": "results/{study}/machine/learning_curve.csv",
    "machine_proposals": "results/{study}/machine/proposals.csv",
    "saturation_curve": "results/{study}/saturation/curve.csv",
    "saturation_summary": "results/{study}/saturation/summary.csv",
    "extrapolation": "results/{study}/saturation/extrapolation.csv",
    "prevalence": "results/{study}/compare/prevalence.csv",
    "segment_rates": "results/{study}/compare/segment_rates.csv",
    "pairwise": "results/{study}/compare/pairwise.csv",
}

#: CSV columns read as text, so that ids such as ``007`` or a code named ``NA`` stay as written.
_TEXT_COLUMNS = (
    "transcript",
    "participant_id",
    "group",
    "segment_id",
    "coder",
    "coder_a",
    "coder_b",
    "comparison",
    "group_a",
    "group_b",
    "code",
    "theme",
    "source",
    "label",
)
MANIFEST = "results/manifest.json"
#: The manifests of runs with another config file (thematica.support.manifest.run_folder).
RUN_MANIFESTS = "results/*/manifest.json"
DEFAULT_CONFIG = "config/config.yaml"


def read_table(path: str | Path) -> pd.DataFrame:
    """Read one pipeline table: parquet as written, CSV with identifiers kept as text.

    Empty CSV cells become missing values; no other text (``NA``, ``None``) does.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        return read_parquet(path)
    header = pd.read_csv(path, nrows=0).columns
    return pd.read_csv(
        path,
        encoding="utf-8",
        keep_default_na=False,
        na_values=[""],
        dtype={c: str for c in _TEXT_COLUMNS if c in header},
    )


class StudyResults:
    """What the pipeline produced for one study, with every table by name.

    Tables are attributes named as in :data:`TABLES` (``results.segments``, ``results.alpha``,
    ``results.saturation_summary``...); each is read on first use and handed out as a fresh copy, so
    changing it in a notebook never changes what the next cell sees. A table the pipeline has not
    produced raises :class:`~thematica.errors.ThematicaError` naming the file.

    Parameters
    ----------
    name
        The study's name (its key under ``studies`` in the config).
    root
        The pipeline's working directory (where ``results/`` and ``data/processed/`` are).
    config
        The configuration the results were made with.
    config_source
        Where ``config`` came from, for messages.

    Attributes
    ----------
    name, root, config, config_source
        As given (``root`` resolved).
    """

    def __init__(self, name: str, root: str | Path, config: Mapping, config_source: str = "config") -> None:
        self.name = name
        self.root = Path(root).resolve()
        self.config = dict(config)
        self.config_source = config_source
        self._tables: dict[str, pd.DataFrame] = {}

    # -- tables -------------------------------------------------------------------------------------
    def path(self, table: str) -> Path:
        """The file of a table (see :data:`TABLES`)."""
        if table not in TABLES:
            raise ThematicaError(f"unknown table {table!r}; the tables are: {', '.join(TABLES)}")
        return self.root / TABLES[table].format(study=self.name)

    def has(self, table: str) -> bool:
        """Whether the pipeline has written the table."""
        return self.path(table).is_file()

    def table(self, name: str) -> pd.DataFrame:
        """A table by name, read once, returned as a copy.

        Raises
        ------
        ThematicaError
            If the pipeline has not written it (yet).
        """
        if name not in self._tables:
            path = self.path(name)
            if not path.is_file():
                raise ThematicaError(
                    f"no '{name}' table for study '{self.name}' yet; run the pipeline first (`make run`, or "
                    f"`snakemake {TABLES[name].format(study=self.name)}`)",
                    path=path,
                )
            self._tables[name] = read_table(path)
        return self._tables[name].copy()

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(TABLES))

    def available(self) -> pd.DataFrame:
        """Every table with its file and whether the pipeline has written it.

        Returns
        -------
        pandas.DataFrame
            Columns ``table, path, exists`` (path relative to ``root``), one row per table.
        """
        return pd.DataFrame(
            [
                {"table": name, "path": TABLES[name].format(study=self.name), "exists": self.has(name)}
                for name in TABLES
            ]
        )

    # -- the study and its settings -----------------------------------------------------------------
    @functools.cached_property
    def study(self) -> Study:
        """The study folder (:class:`thematica.ingest.folder.Study`): participants, groups, transcripts."""
        folder = Path(self.config["studies"][self.name])
        return load_study_folder(folder if folder.is_absolute() else self.root / folder)

    @property
    def groups(self) -> list[str]:
        """The two compared groups, in display order."""
        return list(self.study.groups)

    @property
    def group_labels(self) -> dict[str, str]:
        """Group -> display label, in display order."""
        return {g: self.study.group_labels[g] for g in self.study.groups}

    @property
    def seed(self) -> int:
        """The config's seed."""
        return int(self.config.get("seed", 0))

    def settings(self, section: str) -> dict:
        """One section of the config (``topics``, ``saturation``...), empty when absent."""
        return dict(self.config.get(section) or {})

    @functools.cached_property
    def embeddings(self) -> np.ndarray:
        """The segment embeddings, shape ``(n_segments, dimension)``, rows in the order of ``segments``.

        Checked against the installed model and the current segments
        (:func:`thematica.embed.model.load_study_embeddings`).
        """
        from thematica.embed.model import load_study_embeddings

        stem = self.root / "data" / "processed" / self.name / "embeddings"
        return load_study_embeddings(self.table("segments"), [f"{stem}.npy"], [f"{stem}.json"])

    def transcript_text(self, transcript: str) -> str:
        """A transcript's canonical text (every offset in the tables points into it)."""
        path = self.root / "data" / "processed" / self.name / "text" / f"{transcript}.txt"
        if not path.is_file():
            raise ThematicaError(
                f"no canonical text for transcript '{transcript}'; run the pipeline", path=path
            )
        return read_canonical(path)

    def __repr__(self) -> str:
        return f"StudyResults({self.name!r}, root={str(self.root)!r}, config from {self.config_source})"


def _read_config(path: Path) -> dict:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8")).get("config") or {}
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise ThematicaError("is not a configuration (a mapping of keys to values)", path=path)
    return config


def _manifests_listing(root: Path, name: str) -> list[Path]:
    """The runs' manifests under ``root`` that list study ``name``, newest first."""
    found = []
    for path in [root / MANIFEST, *sorted(root.glob(RUN_MANIFESTS))]:
        try:
            studies = json.loads(path.read_text(encoding="utf-8")).get("config", {}).get("studies") or {}
        except (OSError, ValueError, AttributeError):
            continue
        if name in studies:
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def load_study(
    name: str, root: str | Path = ".", *, config: str | Path | Mapping | None = None
) -> StudyResults:
    """Open what the pipeline produced for one study.

    Parameters
    ----------
    name
        The study's name, a key of ``studies`` in the config (``"demo_physicians"``).
    root
        The pipeline's working directory (the repository root for ``make run``; ``".."`` from
        ``notebooks/``).
    config
        The configuration the results were made with: a YAML file, a run's manifest, or a mapping.
        ``None`` takes the one recorded in the newest manifest that lists the study
        (``<root>/results/manifest.json`` of the default config,
        ``<root>/results/<config name>/manifest.json`` of a run with another config file), else
        ``<root>/config/config.yaml``. Relative paths are taken from ``root``.

    Returns
    -------
    StudyResults

    Raises
    ------
    ThematicaError
        If no configuration is found or it does not list the study.

    Examples
    --------
    >>> results = load_study("demo_physicians", "..")  # doctest: +SKIP
    >>> results.alpha.head()  # doctest: +SKIP
    """
    root = Path(root)
    if isinstance(config, Mapping):
        settings, source = dict(config), "the given mapping"
    else:
        if config is not None:
            candidates = [Path(config) if Path(config).is_absolute() else root / config]
        else:
            candidates = [*_manifests_listing(root, name), root / MANIFEST, root / DEFAULT_CONFIG]
        settings, source = {}, ""
        for path in candidates:
            if path.is_file():
                settings, source = _read_config(path), str(path)
                if name in (settings.get("studies") or {}):
                    break
        if not source:
            raise ThematicaError(
                "no configuration found; pass config= or run from the pipeline's folder "
                f"(looked for {', '.join(str(p) for p in candidates)})",
                path=root,
            )
    studies = settings.get("studies") or {}
    if name not in studies:
        raise ThematicaError(
            f"the configuration lists no study '{name}'; it lists: {', '.join(studies) or 'none'}. Run the "
            "study's config to the end (`thematica run my_study.yaml`: its manifest records the config), or "
            "pass config='my_study.yaml'",
            path=source,
        )
    results = StudyResults(name, root, settings, source)
    log.info("study %s: results under %s, config from %s", name, results.root, source)
    return results
