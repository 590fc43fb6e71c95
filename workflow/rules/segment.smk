# Segmentation, one job per study: every gated transcript -> speaker turns -> participant segments, and the
# study's QA ledger. spaCy loads once per study; each transcript is segmented on its own and cached
# (thematica.segment.study), so adding an interview segments only that one.
from thematica.support.spacy_model import pipeline_identity

register_targets("results/{study}/qa/ledger.csv")
if not RELEASE_FROM:  # a release bundle holds no turns
    register_targets("results/{study}/qa/speakers.csv")
# the job's per-transcript cache (thematica.support.workers.cache_entry); the transcripts it lacks set the threads
SEGMENT_CACHE = "data/processed/{study}/segments"


rule segment:
    input:
        unpack(get_segment_inputs),
    output:
        segments="data/processed/{study}/segments.parquet",
        turns="data/processed/{study}/turns.parquet",
        ledger=report(
            "results/{study}/qa/ledger.csv",
            caption="../report/ledger.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/segment.log",
    benchmark:
        "benchmarks/{study}/segment/segment.tsv"
    params:
        transcripts=get_segment_sources,
        interviewer_labels=get_interviewer_labels,
        speaker_pattern=get_speaker_pattern,
        speaker_settings=get_speaker_settings,
        min_words=config["segment"]["min_words"],
        spacy=pipeline_identity(),
        cache=SEGMENT_CACHE,
    # forked workers share the transcripts to compute, one spaCy each: a thread per uncached transcript, up
    # to 4 (capped at --cores; the segments are the same for any number)
    threads: cache_workers(SEGMENT_CACHE)
    priority: PRIORITY["segment"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/segment.py"


# Who speaks in each transcript, the role each label got and why (thematica.ingest.speakers); read from the turns, so
# it costs no reparse and needs no spaCy. Its input functions are in common.smk (defined before the rules).
rule speakers:
    input:
        turns="data/processed/{study}/turns.parquet",
        text="data/processed/{study}/text",
    output:
        report(
            "results/{study}/qa/speakers.csv",
            caption="../report/speakers.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/speakers.log",
    params:
        texts=transcript_paths("data/processed/{study}/text"),
        participant_ids=get_transcript_participant_ids,
        interviewer_labels=get_interviewer_labels,
        participants_per_interview=get_participants_per_interview,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/speakers.py"


# The corpus overview figure: participant words and segments per interview, by group, from the QA ledger.
register_targets("results/{study}/figures/corpus_overview.{ext}")


rule figure_corpus_overview:
    input:
        ledger="results/{study}/qa/ledger.csv",
    output:
        figure_files(
            "results/{study}/figures/corpus_overview.{ext}",
            caption="../report/corpus_overview.rst",
            category="{study}",
            subcategory="Corpus",
        ),
    log:
        "logs/{study}/figures/corpus_overview.log",
    params:
        group_labels=get_group_labels,
        facts=get_ledger_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_corpus_overview.py"
