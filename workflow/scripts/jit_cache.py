"""Compile the topic fits' numba code once, before the studies' fits (thematica.topics.warmup)."""

import json

from thematica.support.jitcache import cache_key
from thematica.support.runlog import step_logging
from thematica.topics.settings import TopicSettings
from thematica.topics.warmup import compile_topic_fits

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    compile_topic_fits(TopicSettings.from_config(sm.params.settings))
    with open(sm.output[0], "w", encoding="utf-8") as handle:
        json.dump({"cache_key": cache_key()}, handle)  # what it compiled for; informative only
        handle.write("\n")
