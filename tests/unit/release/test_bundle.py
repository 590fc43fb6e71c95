"""What a bundle holds: the registered outputs it rebuilds."""

from __future__ import annotations

from thematica.release.bundle import rebuilt_outputs


def test_rebuilt_outputs_leave_out_qa_text_and_processed_tables():
    targets = [
        "results/s/figures/a.png",
        "results/s/qa/ledger.csv",
        "results/s/topics/quotes.csv",
        "results/s/topics/candidate_themes.qdpx",
        "results/s/topics/topic_info.csv",
        "data/processed/s/consensus.parquet",
        "results/s/figures/a.png",
        "results/st/qa/x.csv",
    ]
    assert rebuilt_outputs(targets, ["s"]) == [
        "results/s/figures/a.png",
        "results/s/topics/topic_info.csv",
        "results/st/qa/x.csv",
    ]
