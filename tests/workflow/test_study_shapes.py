"""Study shapes other than the demo's two groups and two or three coders, end to end with the default target.

- ``one_group``: 18 short interviews of one group (therapists and clients of demo_alliance as one group of
  "participant"s), one coder (a quote CSV), under ``topics.min_segments`` participant segments: candidate
  themes are skipped with one warning, reliability says once that it needs two coders, and prevalence comes
  with Wilson intervals and no test.
- ``three_groups``: 15 interviews of demo_physicians in three groups (five psychiatrists, five family
  physicians, five family physicians relabelled as nurses), its three coders' .qdpx exports: a Freeman-Halton
  test per item, every pair with Fisher's exact test, Benjamini-Hochberg within each level.

The statistics are recomputed here from the consensus and the participants, independently of
thematica.compare: Wilson intervals from their closed form, Freeman-Halton p-values by enumerating every
2 x 3 table with the observed margins, Fisher's p from scipy, BH from scipy.
"""

from __future__ import annotations

import csv
import itertools
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats

from tests.workflow.conftest import coded_small_study, run_snakemake, small_study, write_config
from thematica.ingest.formats import read_transcript

ONE = "one_group"
THREE = "three_groups"
ALLIANCE = [f"interview_{i:02d}" for i in range(1, 20) if i != 15]  # 15: no coded passage on one short line
PHYSICIANS_GROUPS = {"psychiatry": 5, "family_medicine": 5, "nursing": 5}
SETTINGS = {
    "reliability": {"n_bootstrap": 200},
    "saturation": {"n_permutations": 100, "n_bootstrap": 20},
    "topics": {"stability_runs": 2},
}


def _one_group_study(src: Path, dst: Path) -> Path:
    """18 interviews cut to each one's shortest one-line passage coder 1 coded; one group; coder 1 only."""
    small_study(src, dst, ALLIANCE)
    for path in (dst / "transcripts").iterdir():
        path.unlink()
    shutil.copy(src / "codebook.csv", dst / "codebook.csv")
    coder_1 = pd.read_csv(src / "codes" / "coder_1.csv")
    rows = []
    for transcript in ALLIANCE:
        source = next((src / "transcripts").glob(f"{transcript}.*"))
        text = read_transcript(source)
        spans = coder_1.loc[coder_1["transcript"] == transcript]
        passages = sorted(
            (e - s, s, e, code)
            for s, e, code in zip(spans["start"], spans["end"], spans["code"], strict=True)
            if "\n" not in text[s:e] and e - s <= 160
        )
        _, start, end, code = passages[0]
        label = text[text.rfind("\n", 0, start) + 1 :].split(":", 1)[0]
        short = f"Interviewer: How has it been for you?\n{label}: {text[start:end]}\n"
        (dst / "transcripts" / f"{transcript}.txt").write_text(short, encoding="utf-8")
        rows.append(("coder_1", transcript, code, text[start:end]))
    (dst / "codes").mkdir()
    with open(dst / "codes" / "coder_1.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["coder", "transcript", "code", "text"])
        writer.writerows(rows)
    meta = yaml.safe_load((dst / "study.yaml").read_text())
    meta.update(name=ONE, groups=["participant"], group_labels={"participant": "Participants"})
    (dst / "study.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    people = pd.read_csv(dst / "participants.csv", dtype=str)
    people[meta["group_column"]] = "participant"
    people.to_csv(dst / "participants.csv", index=False)
    return dst


def _three_group_study(src: Path, dst: Path) -> Path:
    """Five psychiatrists, five family physicians and five more family physicians as nurses."""
    people = pd.read_csv(src / "participants.csv", dtype=str)
    psychiatry = people.loc[people["specialty"] == "psychiatry", "transcript"].head(5).tolist()
    family = people.loc[people["specialty"] == "family_medicine", "transcript"].head(10).tolist()
    coded_small_study(src, dst, psychiatry + family)
    kept = pd.read_csv(dst / "participants.csv", dtype=str)
    kept.loc[kept["transcript"].isin(family[5:]), "specialty"] = "nursing"
    kept.to_csv(dst / "participants.csv", index=False)
    meta = yaml.safe_load((dst / "study.yaml").read_text())
    meta.update(name=THREE, groups=list(PHYSICIANS_GROUPS))
    meta["group_labels"] = {**meta.get("group_labels", {}), "nursing": "Nursing"}
    (dst / "study.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    return dst


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("study_shapes")
    one = _one_group_study(demo_raw / "demo_alliance", work / "raw" / ONE)
    three = _three_group_study(demo_raw / "demo_physicians", work / "raw" / THREE)
    config = write_config(work, {ONE: one, THREE: three})
    data = yaml.safe_load(config.read_text())
    for section, values in SETTINGS.items():
        data[section].update(values)
    config.write_text(yaml.safe_dump(data))
    result = run_snakemake(work)
    (work / "run.stderr").write_text(result.stderr)
    assert result.returncode == 0, result.stderr[-4000:]
    report = run_snakemake(work, "--report", "results/report.html")
    assert report.returncode == 0, report.stderr[-4000:]
    return work


def _participants_with_code(work: Path, study: str, group_column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(participant x code presence from the consensus, participants with their group)."""
    processed = work / "data" / "processed" / study
    consensus = pd.read_parquet(processed / "consensus.parquet")
    segments = pd.read_parquet(processed / "segments.parquet")
    applied = consensus.loc[consensus["applied"] == 1].merge(segments[["segment_id", "participant_id"]])
    people = pd.read_csv(work / "raw" / study / "participants.csv", dtype=str)
    people = people.rename(columns={group_column: "group"})[["participant_id", "group"]]
    presence = applied[["participant_id", "code"]].drop_duplicates()
    return presence, people


def _wilson(k: int, n: int, z: float = stats.norm.ppf(0.975)) -> tuple[float, float]:
    centre = (k + z * z / 2) / (n + z * z)
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def _freeman_halton(k: list[int], n: list[int]) -> float:
    """Sum of the probabilities of every 2 x len(n) table with the observed margins no likelier than the
    observed one (multivariate hypergeometric), enumerated."""
    total = sum(k)

    def prob(x) -> float:
        return math.prod(math.comb(ni, xi) for ni, xi in zip(n, x, strict=True)) / math.comb(sum(n), total)

    observed = prob(k)
    p = 0.0
    for x in itertools.product(*(range(ni + 1) for ni in n)):
        if sum(x) == total and prob(x) <= observed * (1 + 1e-7):
            p += prob(x)
    return min(p, 1.0)


def test_the_one_group_study_is_small_and_skips_its_candidate_themes(workdir):
    segments = pd.read_parquet(workdir / "data" / "processed" / ONE / "segments.parquet")
    assert 18 <= len(segments) < 30
    topics_log = (workdir / "logs" / ONE / "topics" / "topics.log").read_text()
    assert topics_log.count("candidate themes skipped") == 1
    assert pd.read_csv(workdir / "results" / ONE / "topics" / "topic_info.csv").empty


def test_one_coder_gets_one_reliability_note(workdir):
    results = workdir / "results" / ONE
    alpha = pd.read_csv(results / "reliability" / "alpha.csv")
    assert len(alpha) == 1 and alpha["label"].str.contains("needs two coders").all()
    assert alpha["alpha"].isna().all()
    log = (workdir / "logs" / ONE / "reliability" / "reliability.log").read_text()
    assert log.count("needs two coders") == 1


def test_one_group_prevalence_has_wilson_intervals_and_no_test(workdir):
    prevalence = pd.read_csv(workdir / "results" / ONE / "compare" / "prevalence.csv")
    codes = prevalence.loc[prevalence["level"] == "code"]
    assert set(codes["group"]) == {"participant"} and (codes["n_participants"] == 18).all()
    assert codes["p"].isna().all() and codes["p_adj"].isna().all()
    presence, _ = _participants_with_code(workdir, ONE, "role")
    counts = presence.groupby("code")["participant_id"].nunique()
    for row in codes.itertuples():
        k = int(counts.get(row.code, 0))
        assert row.k_with_code == k and row.share == pytest.approx(k / 18)
        assert (row.ci_low, row.ci_high) == pytest.approx(_wilson(k, 18), abs=1e-9)
    assert codes["k_with_code"].sum() == 18  # one coded passage per interview


def test_one_group_saturation_is_deductive(workdir):
    summary = pd.read_csv(workdir / "results" / ONE / "saturation" / "summary.csv")
    assert (summary["codebook_kind"] == "deductive").all()


def test_three_groups_get_an_exact_omnibus_test_per_code(workdir):
    prevalence = pd.read_csv(workdir / "results" / THREE / "compare" / "prevalence.csv")
    codes = prevalence.loc[prevalence["level"] == "code"]
    assert set(codes["group"]) == set(PHYSICIANS_GROUPS)
    presence, people = _participants_with_code(workdir, THREE, "specialty")
    sizes = people.groupby("group").size()
    assert sizes.to_dict() == PHYSICIANS_GROUPS
    expected_p = {}
    for code, rows in codes.groupby("code"):
        assert (rows["test"] == "freeman_halton").all()
        with_code = presence.loc[presence["code"] == code].merge(people)
        k = [int((with_code["group"] == g).sum()) for g in PHYSICIANS_GROUPS]
        n = [int(sizes[g]) for g in PHYSICIANS_GROUPS]
        by_group = rows.set_index("group")
        assert [int(by_group.loc[g, "k_with_code"]) for g in PHYSICIANS_GROUPS] == k
        expected_p[code] = _freeman_halton(k, n)
        assert rows["p"].iloc[0] == pytest.approx(expected_p[code], rel=1e-6)
    order = sorted(expected_p)
    adjusted = stats.false_discovery_control([expected_p[c] for c in order], method="bh")
    got = codes.drop_duplicates("code").set_index("code").loc[order, "p_adj"].to_numpy()
    assert np.allclose(got, adjusted, rtol=1e-6)


def test_three_groups_compare_every_pair_with_fisher(workdir):
    pairs = pd.read_csv(workdir / "results" / THREE / "compare" / "pairwise.csv")
    codes = pairs.loc[pairs["level"] == "code"]
    assert {(a, b) for a, b in zip(codes["group_a"], codes["group_b"], strict=True)} == set(
        itertools.combinations(PHYSICIANS_GROUPS, 2)
    )
    for row in codes.itertuples():
        table = [[row.k_a, row.n_a - row.k_a], [row.k_b, row.n_b - row.k_b]]
        assert row.p == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)
    assert np.allclose(codes["p_adj"], stats.false_discovery_control(codes["p"].to_numpy(), method="bh"))


def test_both_studies_have_their_figures_and_report(workdir):
    for study in (ONE, THREE):
        figures = workdir / "results" / study / "figures"
        for name in ("compare_codes", "saturation", "reliability_alpha", "topics_overview"):
            assert (figures / f"{name}.png").stat().st_size > 5000, (study, name)
    report = (workdir / "results" / "report.html").read_text(encoding="utf-8", errors="replace")
    assert len(report) > 100_000
