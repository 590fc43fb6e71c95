# Release bundle: results/<study>/release/ holds the text-free tables that rebuild every figure and statistic
# (no transcript text, no quotes), README.md and manifest.json (SHA-256 of every bundle file and of every
# output the bundle rebuilds); see thematica.release. Included after every stage, just before manifest.smk,
# so that it sees every registered target.
#
# With release.rebuild_from set (make from-release), each study comes from its bundle (common.smk): every
# bundle file is checked against manifest.json (results/<study>/qa/release_bundle.csv), the tables are
# restored where the later stages read them (ruleorder over the stages that wrote them), the crosswalk's
# overlap counts are recomputed without text, and the targets become the outputs the bundles recorded plus
# results/<study>/qa/release_check.csv, which compares every rebuilt output with its record.
import re

from thematica.release import (
    BUNDLE_FILES,
    CODEBOOK_SOURCES,
    bundle_files,
    check_rebuild_workdir,
    read_bundle_manifest,
    rebuilt_outputs,
)

if not RELEASE_FROM:
    REBUILT = rebuilt_outputs(TARGETS, STUDIES)
    # The codebook as the study folder holds it (codebook.csv or .qdc): for reviewers and the Bordin levels.
    # A codebook read from the coders' .qdpx is not copied (they hold the transcripts): the bundle's
    # codebook.parquet carries it.
    RELEASE_CODEBOOKS = {
        name: [p for p in CODE_FILES[name].codebook_files if p.name in CODEBOOK_SOURCES]
        for name in CODED_STUDIES
    }
    RELEASE_INPUTS = {
        name: {
            "files": [f"results/{name}/release/{f.name}" for f in bundle_files(coded=name in CODED_STUDIES)]
            + [f"results/{name}/release/{p.name}" for p in RELEASE_CODEBOOKS.get(name, [])],
            "sources": {
                "study.yaml": str(study.root / "study.yaml"),
                "participants.csv": str(study.root / "participants.csv"),
                **{
                    f.name: f.path.format(study=name)
                    for f in bundle_files(coded=name in CODED_STUDIES)
                    if f.kind == "table"
                },
                **{p.name: str(p) for p in RELEASE_CODEBOOKS.get(name, [])},
            },
            "outputs": [
                t
                for t in REBUILT
                if t.startswith(f"results/{name}/")
                or (name in CODED_STUDIES and t.startswith("results/figures/"))
            ],
        }
        for name, study in STUDIES.items()
    }
    TARGETS.extend(file for inputs in RELEASE_INPUTS.values() for file in inputs["files"])
    register_targets("results/{study}/release/manifest.json", "results/{study}/release/README.md")
    RELEASE_COPIED = "|".join(
        re.escape(n) for n in [f.name for f in BUNDLE_FILES if f.kind != "derived"] + list(CODEBOOK_SOURCES)
    )

    rule release_segments:
        input:
            segments="data/processed/{study}/segments.parquet",
            texts="data/processed/{study}/text",
        output:
            segments="results/{study}/release/segments.parquet",
            lengths="results/{study}/release/transcript_lengths.csv",
        log:
            "logs/{study}/release/segments.log",
        params:
            texts=transcript_paths("data/processed/{study}/text"),
        conda:
            "../envs/thematica.yaml"
        script:
            "../scripts/release_segments.py"

    # On a cluster these two run on the submitting node: a SLURM job each would cost more than the work.
    localrules:
        release_copy,
        release_index,

    # A byte copy: release_index refuses the bundle if any of its tables has a column that may hold text.
    rule release_copy:
        input:
            lookup(dpath="{study}/sources/{name}", within=RELEASE_INPUTS),
        output:
            "results/{study}/release/{name}",
        wildcard_constraints:
            name=RELEASE_COPIED,
        log:
            "logs/{study}/release/copy_{name}.log",
        conda:
            "../envs/thematica.yaml"
        shell:
            "cp {input} {output} 2> {log}"

    rule release_index:
        input:
            files=lookup(dpath="{study}/files", within=RELEASE_INPUTS),
            outputs=lookup(dpath="{study}/outputs", within=RELEASE_INPUTS),
        output:
            manifest="results/{study}/release/manifest.json",
            readme="results/{study}/release/README.md",
        log:
            "logs/{study}/release/index.log",
        params:
            config=config,
        conda:
            "../envs/thematica.yaml"
        script:
            "../scripts/release_index.py"

else:
    check_rebuild_workdir(STUDIES)
    BUNDLES = {name: read_bundle_manifest(study.root) for name, study in STUDIES.items()}
    REBUILD_INPUTS = {
        name: {
            "bundle": {f.name: str(study.root / f.name) for f in BUNDLE_FILES},
            "manifest": str(study.root / "manifest.json"),
            "files": [str(study.root / f) for f in sorted(BUNDLES[name]["files"])],
            "outputs": sorted(BUNDLES[name]["outputs"]),
        }
        for name, study in STUDIES.items()
    }
    TARGETS[:] = sorted({t for m in BUNDLES.values() for t in m["outputs"]}) + expand(
        "results/{study}/qa/{check}.csv", study=list(STUDIES), check=["release_bundle", "release_check"]
    )
    RESTORED = {
        folder: "|".join(re.escape(f.name) for f in BUNDLE_FILES if f.path and f.path.startswith(folder))
        for folder in ("data/processed/{study}/", "results/{study}/qa/", "results/{study}/topics/")
    }

    rule release_verify:
        input:
            manifest=lookup(dpath="{study}/manifest", within=REBUILD_INPUTS),
            files=lookup(dpath="{study}/files", within=REBUILD_INPUTS),
        output:
            "results/{study}/qa/release_bundle.csv",
        log:
            "logs/{study}/release/verify.log",
        conda:
            "../envs/thematica.yaml"
        script:
            "../scripts/release_verify.py"

    # Byte copies of the verified bundle's tables, where the later stages read them.
    rule restore_processed:
        input:
            table=lookup(dpath="{study}/bundle/{name}", within=REBUILD_INPUTS),
            verified="results/{study}/qa/release_bundle.csv",
        output:
            "data/processed/{study}/{name}",
        wildcard_constraints:
            name=RESTORED["data/processed/{study}/"],
        log:
            "logs/{study}/release/restore_{name}.log",
        conda:
            "../envs/thematica.yaml"
        shell:
            "cp {input.table} {output} 2> {log}"

    rule restore_qa:
        input:
            table=lookup(dpath="{study}/bundle/{name}", within=REBUILD_INPUTS),
            verified="results/{study}/qa/release_bundle.csv",
        output:
            "results/{study}/qa/{name}",
        wildcard_constraints:
            name=RESTORED["results/{study}/qa/"],
        log:
            "logs/{study}/release/restore_{name}.log",
        conda:
            "../envs/thematica.yaml"
        shell:
            "cp {input.table} {output} 2> {log}"

    rule restore_topics:
        input:
            table=lookup(dpath="{study}/bundle/{name}", within=REBUILD_INPUTS),
            verified="results/{study}/qa/release_bundle.csv",
        output:
            "results/{study}/topics/{name}",
        wildcard_constraints:
            name=RESTORED["results/{study}/topics/"],
        log:
            "logs/{study}/release/restore_{name}.log",
        conda:
            "../envs/thematica.yaml"
        shell:
            "cp {input.table} {output} 2> {log}"

    rule release_check:
        input:
            manifest=lookup(dpath="{study}/manifest", within=REBUILD_INPUTS),
            outputs=lookup(dpath="{study}/outputs", within=REBUILD_INPUTS),
        output:
            "results/{study}/qa/release_check.csv",
        log:
            "logs/{study}/release/check.log",
        params:
            config=config,
        conda:
            "../envs/thematica.yaml"
        script:
            "../scripts/release_check.py"

    ruleorder: restore_processed > segment
    ruleorder: restore_processed > codebook
    ruleorder: restore_processed > import_codes
    ruleorder: restore_processed > align_codes
    ruleorder: restore_processed > merge_codes
    ruleorder: restore_qa > segment
    ruleorder: restore_qa > import_codes
    ruleorder: restore_topics > topics
    ruleorder: restore_topics > topic_stability
    ruleorder: restore_topics > code_keywords
