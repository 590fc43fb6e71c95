"""The planted-identifier corpus: deterministic, offsets exact, recall high on the kinds that matter."""

from __future__ import annotations

import pytest

pytest.importorskip("faker")

from thematica.deid.scan import Allowlist, scan_text  # noqa: E402
from thematica.evaluation.planted_pii import planted_corpus, score  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return planted_corpus(6, seed=11)


def test_same_seed_same_corpus(corpus):
    again = planted_corpus(6, seed=11)
    assert again.texts == corpus.texts and again.planted.equals(corpus.planted)
    assert planted_corpus(6, seed=12).texts != corpus.texts


def test_planted_offsets_point_at_values(corpus):
    for row in corpus.planted.itertuples():
        assert corpus.texts[row.transcript][row.start : row.end] == row.value
    assert set(corpus.planted["kind"]) >= {"name", "phone", "email", "record_number", "date", "age"}


def test_recall_on_the_kinds_that_matter(corpus):
    allow = Allowlist(corpus.allowlist)
    found = {t: scan_text(text, allowlist=allow) for t, text in corpus.texts.items()}
    table = score(corpus, found).set_index("kind")
    for kind in ("phone", "email", "record_number"):
        assert table.loc[kind, "recall"] == 1.0, table
    assert table.loc["name", "recall"] >= 0.9, table
    assert table.loc["all", "precision"] >= 0.9, table


def test_score_counts_a_missed_identifier(corpus):
    table = score(corpus, {}).set_index("kind")
    assert (table["recall"] == 0).all() and (table["findings"] == 0).all()
