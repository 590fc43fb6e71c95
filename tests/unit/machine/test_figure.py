import pandas as pd

from thematica.figures.machine import plot_learning_curve, plot_machine_reliability
from thematica.figures.style import save_figure
from thematica.machine.agreement import MACHINE_COLUMNS, machine_alpha_table


def _table(study, reliability):
    machine = study["consensus"][["segment_id", "code", "applied"]]
    transcript_of = dict(zip(study["segments"]["segment_id"], study["segments"]["transcript"], strict=True))
    return machine_alpha_table(
        machine, study["consensus"], study["segment_codes"], study["codebook"], transcript_of, reliability
    )


def test_the_forest_plot_draws_every_code_and_is_the_same_bytes_twice(study, reliability, tmp_path):
    table = _table(study, reliability)
    for name in ("one", "two"):
        figure = plot_machine_reliability(table, study="synthetic")
        labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert sorted(labels) == ["Alpha code", "Beta code", "Gamma code"]
        save_figure(figure, [tmp_path / f"{name}.png", tmp_path / f"{name}.svg"])
    for ext in ("png", "svg"):
        assert (tmp_path / f"one.{ext}").read_bytes() == (tmp_path / f"two.{ext}").read_bytes()


def test_empty_tables_give_a_note(tmp_path):
    figure = plot_machine_reliability(pd.DataFrame(columns=MACHINE_COLUMNS), study="synthetic")
    assert "fewer than two coded transcripts" in figure.axes[0].texts[0].get_text()
    curve = pd.DataFrame(columns=["n_transcripts", "repeat", "code", "alpha"])
    figure = plot_learning_curve(curve, pd.DataFrame(columns=MACHINE_COLUMNS), study="synthetic")
    assert "too few coded transcripts" in figure.axes[0].texts[0].get_text()


def test_the_learning_curve_draws_the_humans_median(study, reliability):
    table = _table(study, reliability)
    curve = pd.DataFrame(
        {
            "n_transcripts": [3, 3, 6, 6],
            "repeat": [0, 1, 0, 1],
            "code": ["a"] * 4,
            "alpha": [0.5, 0.6, 0.8, 0.7],
        }
    )
    figure = plot_learning_curve(curve, table, study="synthetic")
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert "human coders' median alpha" in labels
    mean = figure.axes[0].get_lines()[1]
    assert list(mean.get_ydata()) == [0.55, 0.75]
