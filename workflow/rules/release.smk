# Release bundle: results/<study>/release/ holds the text-free tables that rebuild every figure and statistic
# (no transcript text, no quotes), README.md and manifest.json (SHA-256 of every bundle file and of every
# output the bundle rebuilds); see thematica.release. Included after every stage, just before manifest.smk,
# so that it sees every registered target. A run from release bundles (release.rebuild_from) includes
# rebuild.smk instead (Snakefile).
import re

from thematica.release import BUNDLE_FILES, CODEBOOK_SOURCES, bundle_files, rebuilt_outputs

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
