# Rebuild from release bundles (release.rebuild_from set; make from-release), included instead of release.smk.
# Each study comes from its bundle (common.smk): every bundle file is checked against manifest.json
# (results/<study>/qa/release_bundle.csv), the tables are restored where the later stages read them (ruleorder
# over the stages that wrote them), the crosswalk's overlap counts are recomputed without text, and the
# targets become the outputs the bundles recorded plus results/<study>/qa/release_check.csv, which compares
# every rebuilt output with its record. Included after every stage, just before manifest.smk.
import re

from thematica.release import BUNDLE_FILES, check_rebuild_workdir, read_bundle_manifest

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
