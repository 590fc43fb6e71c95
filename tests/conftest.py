"""Shared fixtures (a tiny, valid study folder built in a temporary directory) and the test tiers.

Every test gets its tier's marker here (docs/testing.md): ``workflow`` for tests/workflow (Snakemake or the
pipeline end to end), ``notebook`` for tests/notebooks, ``slow`` for the tests named in :data:`SLOW`. The
fast tier is the rest: ``pytest -m "not workflow and not notebook and not slow"`` (``make test-fast``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
#: Markers given to every test under a folder of tests/.
FOLDER_MARKERS = {"workflow": "workflow", "notebooks": "notebook"}
#: Tests outside those folders that take over about 5 s on a 2-core machine (``pytest --durations=0``),
#: marked ``slow`` by function name (every parametrization), so that they keep the mark when their module
#: moves. Tests sharing a slow module-scoped fixture are listed together: marking only one would move the
#: fixture's cost to the next. A new slow test may carry ``@pytest.mark.slow`` itself instead.
SLOW = {
    # numba compilation of UMAP and HDBSCAN in fresh processes, UMAP's own neighbour search
    "test_the_approximate_search_is_the_one_a_seeded_umap_runs",
    "test_the_search_of_a_large_corpus_leaves_the_refits_free_to_fork",
    "test_without_the_warm_up_the_fit_compiles",
    "test_a_fit_after_the_warm_up_compiles_nothing",
    # topic fits in subprocesses, with and without the embedding stack importable
    "test_refits_and_code_keywords_import_no_embedding_stack",
    "test_the_same_fits_with_and_without_the_stack",
    "test_plots_come_back_after_an_import_without_them",
    "test_refits_shared_among_processes_are_the_same_bytes",
    "test_the_workflow_split_gives_the_tables_of_one_process",
    "test_refits_made_elsewhere_give_the_same_tables",
    # spaCy's full pipeline over whole demo studies or banks of sentences
    "test_demo_study_has_no_flagged_identifier",
    "test_demo_turns_and_segments_reconcile",
    "test_demo_spans_and_aligned_codes_reconcile",
    "test_bank_sentences_after_a_speaker_label_pass_the_deid_scan",
    "test_spacy_runs_without_torch_and_finds_the_same_entities_and_sentences",
    "test_torch_stays_importable_afterwards",
    # the demo studies generated afresh
    "test_scaled_study_is_a_valid_study_with_wide_ids",
    "test_committed_files_equal_a_fresh_generation",
    "test_generation_depends_on_the_seed",
    # torch and the embedding model loaded in new processes
    "test_two_workers_embed_and_parse_the_same_bytes_as_one",
    "test_model_loads_offline_with_no_network",
    "test_keybert_keywords_with_the_int8_encoder_never_import_torch",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier: by folder, then the measured slow tests by name."""
    named = set()
    for item in items:
        path = Path(item.path).resolve()
        if path.is_relative_to(TESTS):
            folder = path.relative_to(TESTS).parts[0]
            if folder in FOLDER_MARKERS:
                item.add_marker(FOLDER_MARKERS[folder])
        name = getattr(item, "originalname", item.name)
        if name in SLOW:
            item.add_marker("slow")
            named.add(name)
    # a whole-suite run names every listed test: a renamed one would drop out of the slow tier unseen
    if config.args_source is pytest.Config.ArgsSource.TESTPATHS and not config.option.keyword:
        if missing := SLOW - named:
            warnings.warn(
                f"tests/conftest.py SLOW names tests that were not collected: {sorted(missing)}",
                pytest.PytestWarning,
                stacklevel=1,
            )


STUDY_YAML = """name: tiny
group_column: role
groups: [therapist, client]
interviewer_labels: [Interviewer]
"""
PARTICIPANTS = "participant_id,transcript,role\nP01,int_01,therapist\nP02,int_02,client\n"
TRANSCRIPTS = {
    "int_01.txt": "Interviewer: How do you use the app?\n"
    "P01: Mostly for homework between sessions, honestly. It keeps the thought records going.\n",
    "int_02.txt": "Interviewer: And you?\nP02: At two in the morning it is the only thing that answers. "
    "So yeah, I use it when I cannot sleep.\n",
}


def make_study(
    root: Path,
    transcripts: dict[str, str | bytes] | None = None,
    participants: str = PARTICIPANTS,
    study_yaml: str = STUDY_YAML,
) -> Path:
    """Write a study folder; values of ``transcripts`` may be text or raw bytes."""
    (root / "transcripts").mkdir(parents=True, exist_ok=True)
    (root / "study.yaml").write_text(study_yaml, encoding="utf-8")
    (root / "participants.csv").write_text(participants, encoding="utf-8")
    for name, content in (TRANSCRIPTS if transcripts is None else transcripts).items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (root / "transcripts" / name).write_bytes(data)
    return root


@pytest.fixture()
def tiny_study(tmp_path: Path) -> Path:
    return make_study(tmp_path / "tiny")
