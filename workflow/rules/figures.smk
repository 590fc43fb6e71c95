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
