# Included last: the manifest covers every registered output of the stages above. Each config file has its own
# (thematica.support.manifest.run_folder): results/manifest.json for config/config.yaml, results/<stem>/manifest.json for
# another config file, so a run of one study never overwrites another run's record.
MANIFEST_OUTPUTS = sorted(set(TARGETS))
MANIFEST = manifest_path(RUN_CONFIG)


rule manifest:
    input:
        outputs=MANIFEST_OUTPUTS,
        inputs=get_study_input_files(),
    output:
        MANIFEST,
    log:
        MANIFEST_LOG,
    params:
        config=config,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/manifest.py"


TARGETS.append(MANIFEST)
