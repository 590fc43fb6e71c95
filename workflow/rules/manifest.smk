# Included last: the manifest covers every registered output of the stages above.
MANIFEST_OUTPUTS = sorted(set(TARGETS))


rule manifest:
    input:
        outputs=MANIFEST_OUTPUTS,
        inputs=get_study_input_files(),
    output:
        "results/manifest.json",
    log:
        "logs/manifest.log",
    params:
        config=config,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/manifest.py"


TARGETS.append("results/manifest.json")
