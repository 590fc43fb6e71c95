from thematica.release.bundle import rebuilt_outputs


def test_a_release_bundle_never_rebuilds_the_machine_coder():
    """Its classifiers learn from the embeddings, which a text-free bundle does not hold."""
    targets = [
        "results/s/reliability/machine.csv",
        "results/s/machine/learning_curve.csv",
        "results/s/machine/proposals.qdpx",
        "results/s/figures/machine_reliability.png",
        "results/s/figures/machine_learning_curve.svg",
        "results/s/reliability/alpha.csv",
        "results/s/figures/reliability_alpha.png",
    ]
    assert rebuilt_outputs(targets, ["s"]) == [
        "results/s/reliability/alpha.csv",
        "results/s/figures/reliability_alpha.png",
    ]
