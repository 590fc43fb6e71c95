import os

from snakemake.utils import validate

from thematica.config import check_config
from thematica.report_facts import ResultFacts
from thematica.study import load_study
from thematica.turns import DEFAULT_SPEAKER_PATTERN

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "agg")

check_config(config, workflow.source_path("../schemas/config.schema.yaml"))
validate(config, schema="../schemas/config.schema.yaml")

STUDIES = {name: load_study(folder) for name, folder in config["studies"].items()}


wildcard_constraints:
    study="|".join(STUDIES),
    transcript=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",


TARGETS = []


def register_targets(*patterns):
    """Add final outputs of a stage to `rule all`; {study} and {ext} expand over studies and figure formats."""
    TARGETS.extend(expand(list(patterns), study=list(STUDIES), ext=config["figures"]["formats"]))


def register_coded_targets(*patterns):
    """Like register_targets, for studies with human codes only (CODED_STUDIES, set in codes.smk)."""
    TARGETS.extend(expand(list(patterns), study=CODED_STUDIES, ext=config["figures"]["formats"]))


def get_transcript_file(wildcards):
    return str(STUDIES[wildcards.study].transcripts[wildcards.transcript])


def get_interviewer_labels(wildcards):
    return STUDIES[wildcards.study].interviewer_labels


def get_speaker_pattern(wildcards):
    study = STUDIES[wildcards.study]
    return study.speaker_pattern or config.get("speaker_pattern") or DEFAULT_SPEAKER_PATTERN


def get_group_labels(wildcards):
    study = STUDIES[wildcards.study]
    return {group: study.group_labels[group] for group in study.groups}


def get_ledger_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/qa/ledger.csv", "ledger")


def get_saturation_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/saturation/summary.csv", "saturation")


def get_reliability_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/reliability/alpha.csv", "reliability")


def get_topics_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/topics/topic_info.csv", "topics")


def get_crosswalk_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/topics/crosswalk_summary.csv", "crosswalk")


def get_participant_groups(wildcards):
    study = STUDIES[wildcards.study]
    return dict(zip(study.participants["participant_id"], study.participants[study.group_column], strict=True))


def get_compare_groups(wildcards):
    return list(STUDIES[wildcards.study].groups)


def get_prevalence_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/compare/prevalence.csv", "prevalence")


def get_participant(wildcards):
    return STUDIES[wildcards.study].participant_of(wildcards.transcript)


def get_study_input_files():
    """Every file of every study folder (hashed into the manifest)."""
    files = []
    for study in STUDIES.values():
        files += sorted(str(p) for p in study.root.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files


def get_study_transcripts(wildcards):
    return list(STUDIES[wildcards.study].transcripts)


def get_segment_parts(wildcards):
    return {
        kind: expand(
            f"data/processed/{{study}}/{kind}/{{transcript}}.{ext}",
            study=wildcards.study,
            transcript=get_study_transcripts(wildcards),
        )
        for kind, ext in (("text", "txt"), ("turns", "parquet"), ("segments", "parquet"))
    }
