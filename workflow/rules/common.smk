import functools
import os

from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from thematica.codes import find_code_files
from thematica.config import check_config
from thematica.support.manifest import manifest_path, run_name
from thematica.release import bundle_code_files, load_bundle_study
from thematica.ingest.speakers import read_speaker_settings
from thematica.support.report_facts import ResultFacts
from thematica.ingest.folder import load_study
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN
from thematica.support.workers import uncached, uncached_workers

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "agg")

# The Snakefile loads config/config.yaml first, for every key's default. A config file or --config given on the
# command line names exactly the studies to run: its `studies` replace the default's instead of adding to them
# (Snakemake merges mappings), so `--configfile my.yaml` runs my studies and not the demo studies too.
if "studies" in workflow.config_settings.overwrite_config:
    config["studies"] = dict(workflow.config_settings.overwrite_config["studies"] or {})
# The config file this run was given (the last one), which names its manifest and report (manifest.smk).
RUN_CONFIG = workflow.overwrite_configfiles[-1] if workflow.overwrite_configfiles else None
MANIFEST_LOG = "logs/manifest.log" if run_name(RUN_CONFIG) is None else f"logs/{run_name(RUN_CONFIG)}/manifest.log"

check_config(config, workflow.source_path("../schemas/config.schema.yaml"))
validate(config, schema="../schemas/config.schema.yaml")

# release.rebuild_from (a folder pattern with {study}): each study comes from its text-free release bundle
# instead of its folder, and rebuild.smk restores the bundle's tables for the later stages.
RELEASE_FROM = config["release"]["rebuild_from"]
STUDIES = {
    name: load_bundle_study(RELEASE_FROM.format(study=name), name) if RELEASE_FROM else load_study(folder)
    for name, folder in config["studies"].items()
}


wildcard_constraints:
    study="|".join(STUDIES),
    transcript=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",


# When more jobs are ready than cores are free, Snakemake starts the highest priority first. A study's
# longest chain is its embedding, then the stability refits (the longest topic job), then the job that
# joins them to the reference fit; started first, they no longer wait behind short table and figure jobs.
# Snakemake picks the jobs with the largest sum of priorities that fit the free cores, so an embed job
# (which takes every core it can) outranks the refits and the reference fit together. The steps that lead
# to the embedding (ingest, entities, the deid scan and gate, segmentation, the model's export) and the
# compilation of the topic fits' code share its priority: another study's transcripts
# are segmented and embedded before the topic fits of a study already embedded, so the studies' fits run
# side by side at the end instead of the last study's whole chain waiting behind the first one's fits.
# Every other job has priority 0. Priorities order jobs only: outputs are the same in any order.
PRIORITY = {
    **dict.fromkeys(
        ("ingest", "deid_entities", "deid_scan", "deid", "segment", "embed", "onnx_model", "jit_cache"), 40
    ),
    "topic_refits": 20,
    "topics": 10,
    "topic_stability": 10,
}

TARGETS = []


def register_targets(*patterns):
    """Add final outputs of a stage to `rule all`; {study} and {ext} expand over studies and figure formats."""
    TARGETS.extend(expand(list(patterns), study=list(STUDIES), ext=config["figures"]["formats"]))


def register_coded_targets(*patterns):
    """Like register_targets, for studies with human codes only (CODED_STUDIES, set in codes.smk)."""
    TARGETS.extend(expand(list(patterns), study=CODED_STUDIES, ext=config["figures"]["formats"]))


def figure_files(pattern, **report_args):
    """A figure job's outputs: the figure in every format of figures.formats (``pattern`` holds {ext}), each
    in the report with ``report_args``. One job draws a figure once and saves every format."""
    return [report(pattern.replace("{ext}", ext), **report_args) for ext in config["figures"]["formats"]]


def get_transcript_files(wildcards):
    return [str(path) for path in STUDIES[wildcards.study].transcripts.values()]


def get_transcript_sources(wildcards):
    """Transcript -> its file in the study folder."""
    return {t: str(path) for t, path in STUDIES[wildcards.study].transcripts.items()}


def transcript_paths(folder, suffix=".txt"):
    """A params function: transcript -> its file in a per-study folder written by one job (ingest and the deid
    rules write folders, the rule's input), in the study's order; ``folder`` holds {study}."""

    def paths(wildcards):
        where = folder.format(study=wildcards.study)
        return {t: f"{where}/{t}{suffix}" for t in STUDIES[wildcards.study].transcripts}

    return paths


def cache_workers(cache, most=4):
    """A threads function for the per-study jobs with a per-transcript cache (``cache`` holds {study}): one
    thread per transcript the job has to compute, from 1 to ``most``, and at most an equal share of --cores
    among the studies that have transcripts to compute. Adding an interview then reserves one core instead
    of all of them, and the codes' jobs run beside it; in a cold run of two studies on two cores, each
    study's chain takes one core and both advance side by side, with the model export and the topic fits'
    compilation beside them, instead of one study at a time on both cores while single-core jobs hold one."""

    def threads(wildcards):
        cores = total_cores()
        share = most if cores is None else max(1, cores // len(studies_to_compute(cache)))
        return uncached_workers(
            cache.format(study=wildcards.study), STUDIES[wildcards.study].transcripts, most=min(most, share)
        )

    return threads


def total_cores():
    """--cores, or None where none is set (a cluster run without it: each job is sized on its own)."""
    try:
        return workflow.cores
    except WorkflowError:
        return None


@functools.cache
def studies_to_compute(cache):
    """The studies with at least one transcript without an entry in ``cache`` (holds {study}); at least one
    name, so that a share of the cores is defined."""
    names = [name for name, study in STUDIES.items() if uncached(cache.format(study=name), study.transcripts)]
    return names or list(STUDIES)[:1]


def get_interviewer_labels(wildcards):
    return STUDIES[wildcards.study].interviewer_labels


def get_speaker_pattern(wildcards):
    study = STUDIES[wildcards.study]
    return study.speaker_pattern or config.get("speaker_pattern") or DEFAULT_SPEAKER_PATTERN


def get_speaker_settings(wildcards):
    """The study.yaml speaker settings, checked, as study.yaml writes them (thematica.ingest.speakers.speaker_settings
    reads them back in the job)."""
    settings = read_speaker_settings(STUDIES[wildcards.study].root / "study.yaml")
    return {
        "speaker_patterns": list(settings.speaker_patterns),
        "participants_per_interview": settings.participants_per_interview,
        "speakers": {"strict": settings.strict},
    }


def get_participants_per_interview(wildcards):
    return read_speaker_settings(STUDIES[wildcards.study].root / "study.yaml").participants_per_interview


def get_transcript_participant_ids(wildcards):
    return STUDIES[wildcards.study].transcript_participants()


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
    return STUDIES[wildcards.study].participant_groups()


def get_compare_groups(wildcards):
    return list(STUDIES[wildcards.study].groups)


def get_prevalence_facts(wildcards):
    return ResultFacts(f"results/{wildcards.study}/compare/prevalence.csv", "prevalence")


def get_participant(wildcards):
    return STUDIES[wildcards.study].participant_of(wildcards.transcript)


def get_deid_known_terms(wildcards):
    """Transcript -> the interviewer labels and its own participant id: a transcript's findings depend on
    nothing in the other transcripts."""
    study = STUDIES[wildcards.study]
    labels = set(study.interviewer_labels)
    return {t: sorted(labels | {study.participant_of(t)["participant_id"]}) for t in study.transcripts}


def get_deid_allowlist(wildcards):
    """The study's allowlist file as a list (empty without one); DEID_INPUTS is set in deid.smk."""
    return DEID_INPUTS[wildcards.study]["allowlist"]


def get_deid_allowlist_path(wildcards):
    return DEID_INPUTS[wildcards.study]["allowlist_path"]


def get_embed_model_files(wildcards):
    """The ONNX export (EMBED_BACKEND, ONNX_MODEL: embed.smk) for the onnx backends; nothing for torch."""
    return [] if EMBED_BACKEND == "torch" else [ONNX_MODEL]


def get_study_input_files():
    """Every file of every study folder (hashed into the manifest)."""
    files = []
    for study in STUDIES.values():
        files += sorted(str(p) for p in study.root.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files


def get_code_files(study):
    """A study's coder exports, codebook and coders.csv (None without codes/); from a release bundle, no
    exports and its codebook table (None when the bundle holds no codes)."""
    return bundle_code_files(study.root) if RELEASE_FROM else find_code_files(study.root)


def get_guided_codebook(wildcards):
    """The study's codebook table, or nothing for a study without codes (no codes/ folder)."""
    study = STUDIES[wildcards.study]
    return [] if get_code_files(study) is None else [f"data/processed/{wildcards.study}/codebook.parquet"]


def get_canonical_texts(wildcards):
    """The canonical texts' folder, for steps that need only their lengths; in a rebuild, the bundle's
    lengths."""
    if RELEASE_FROM:
        return [f"data/processed/{wildcards.study}/transcript_lengths.csv"]
    return [f"data/processed/{wildcards.study}/text"]


def get_canonical_text_paths(wildcards):
    """Params beside get_canonical_texts: transcript -> its canonical text; in a rebuild, the lengths table."""
    if RELEASE_FROM:
        return get_canonical_texts(wildcards)
    return transcript_paths("data/processed/{study}/text")(wildcards)


def get_segment_inputs(wildcards):
    # participants.csv is an input so that removing an interview from a study resegments it
    study = STUDIES[wildcards.study]
    return {"participants": str(study.root / "participants.csv"), "text": f"data/processed/{wildcards.study}/text"}


def get_segment_sources(wildcards):
    """Transcript -> its gated text, source file and participants.csv row (thematica.segment.study)."""
    study = STUDIES[wildcards.study]
    return {
        transcript: {
            "text": f"data/processed/{wildcards.study}/text/{transcript}.txt",
            "source": str(source),
            **study.participant_of(transcript),
        }
        for transcript, source in study.transcripts.items()
    }
