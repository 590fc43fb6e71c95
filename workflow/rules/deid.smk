# Deidentification gate: scan every transcript's canonical source text for personal identifiers, write the
# study's report, then stop the run (policy fail), warn, or redact before anything else reads the text.
# spaCy's entities are found by deid_entities (spaCy loads once per study; unchanged transcripts come from
# its cache); the scan (deid_scan: findings per transcript and the report, written whatever the policy) and
# the gate (deid: the texts the rest of the pipeline reads, and their offset maps) are one job per study
# each: a transcript's scan or gate costs far less than starting a process. The recogniser's identity is a
# param of both entity-reading rules, and a scan checks that its rows were found in its current text.
from thematica.deid.ner import ner_identity

NER_IDENTITY = ner_identity()
# the job's per-transcript cache (thematica.support.workers.cache_entry); the transcripts it lacks set the threads
ENTITY_CACHE = "data/processed/{study}/deid/entities"
register_targets("results/{study}/qa/deid_report.csv")


DEID_INPUTS = {
    name: {
        "allowlist_path": str(study.root / config["deid"]["allowlist"]),
        "allowlist": (
            [str(study.root / config["deid"]["allowlist"])]
            if (study.root / config["deid"]["allowlist"]).is_file()
            else []
        ),
    }
    for name, study in STUDIES.items()
}


rule deid_entities:
    input:
        "data/processed/{study}/source_text",
    output:
        "data/processed/{study}/deid/entities.parquet",
    log:
        "logs/{study}/deid/entities.log",
    benchmark:
        "benchmarks/{study}/deid/entities.tsv"
    params:
        texts=transcript_paths("data/processed/{study}/source_text"),
        cache=ENTITY_CACHE,
        ner=NER_IDENTITY,
    # forked workers share the transcripts to compute, one spaCy each: a thread per uncached transcript, up
    # to 4 (capped at --cores; the entities are the same for any number)
    threads: cache_workers(ENTITY_CACHE)
    priority: PRIORITY["deid_entities"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid_entities.py"


rule deid_scan:
    input:
        texts="data/processed/{study}/source_text",
        entities="data/processed/{study}/deid/entities.parquet",
        allowlist=get_deid_allowlist,
    output:
        findings=directory("results/{study}/qa/deid"),
        report=report(
            "results/{study}/qa/deid_report.csv",
            caption="../report/deid_report.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
        # every flagged term unmasked, so beside the unredacted source texts, never in results/
        suggested="data/processed/{study}/deid/deid_allowlist.suggested.txt",
    log:
        "logs/{study}/deid/scan.log",
    benchmark:
        "benchmarks/{study}/deid/scan.tsv"
    params:
        texts=transcript_paths("data/processed/{study}/source_text"),
        policy=config["deid"]["policy"],
        allowlist=get_deid_allowlist_path,
        known_terms=get_deid_known_terms,
        kinds=config["deid"]["kinds"],
        speaker_pattern=get_speaker_pattern,
        ner=NER_IDENTITY,
    priority: PRIORITY["deid_scan"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid_scan.py"


rule deid:
    input:
        texts="data/processed/{study}/source_text",
        findings="results/{study}/qa/deid",
        report="results/{study}/qa/deid_report.csv",
        suggested="data/processed/{study}/deid/deid_allowlist.suggested.txt",
    output:
        text=directory("data/processed/{study}/text"),
        offsets=directory("data/processed/{study}/offsets"),
    log:
        "logs/{study}/deid/gate.log",
    benchmark:
        "benchmarks/{study}/deid/gate.tsv"
    params:
        texts=transcript_paths("data/processed/{study}/source_text"),
        findings=transcript_paths("results/{study}/qa/deid", ".csv"),
        sources=get_transcript_sources,
        policy=config["deid"]["policy"],
        allowlist=get_deid_allowlist_path,
        speaker_pattern=get_speaker_pattern,
    priority: PRIORITY["deid"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid.py"
