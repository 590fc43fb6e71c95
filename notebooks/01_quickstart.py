# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Quick start: a study's segments and ledger
#
# This notebook opens what `make run` produced for one study and looks at its basic tables: the participant
# segments every later stage works on, and the ledger that proves no speech was lost on the way. Nothing is
# recomputed; every table is read through `thematica.explore`.
#
# Set the study in the next cell (`demo_physicians` or `demo_alliance`, or your own), then run all cells.

# %% tags=["parameters"]
study = "demo_physicians"  # a study under `studies` in the config
root = ".."  # the pipeline's folder (where results/ and data/processed/ are), seen from notebooks/
config = None  # None: the config recorded in results/manifest.json, else config/config.yaml

# %%
import pandas as pd

from thematica import explore
from thematica.figures.overview import plot_corpus_overview

pd.set_option("display.max_colwidth", 160)
results = explore.load_study(study, root, config=config)
results

# %% [markdown]
# ## What the pipeline wrote
#
# Every table of the study is an attribute of `results` (`results.segments`, `results.alpha`, ...), read on
# first use. `available()` lists them with their files.

# %%
results.available()

# %% [markdown]
# ## Participants and groups
#
# `participants.csv` in interview order, and the two groups the study compares.

# %%
results.group_labels

# %%
results.study.participants

# %% [markdown]
# ## Segments
#
# Participant speech cut into sentences (short fragments joined to the previous sentence); interviewer speech
# is not here. `start` and `end` are code-point offsets into the transcript's canonical text.

# %%
segments = results.segments
segments.head(10)

# %%
segments.groupby("group").agg(
    participants=("participant_id", "nunique"),
    transcripts=("transcript", "nunique"),
    segments=("segment_id", "size"),
)

# %% [markdown]
# The offsets point into the canonical text: cutting a segment out of its transcript gives its text back.

# %%
first = segments.iloc[0]
canonical = results.transcript_text(first["transcript"])
canonical[first["start"] : first["end"]] == first["text"]

# %% [markdown]
# ## The ledger: nothing lost
#
# One row per transcript: turns by role, segments, words, and the non-blank characters in the text, in the
# turns, in participant speech and in the segments. `reconciled` is true when every non-blank character of
# participant speech lies in exactly one segment.

# %%
ledger = results.ledger
ledger

# %%
ledger[["turns", "participant_turns", "segments", "participant_words"]].sum()

# %%
ledger["reconciled"].all()

# %%
explore.show(plot_corpus_overview(ledger, study=study, group_labels=results.group_labels))

# %% [markdown]
# ## Deidentification
#
# Every possible identifier the scan found, masked, with what the policy did about it (an empty table means
# the scan found nothing).

# %%
results.deid_report.head(20)

# %% [markdown]
# ## Human codes
#
# The codebook, and for every coder export how many coded spans were read, placed and not placed.

# %%
results.codebook[["code", "theme", "label"]]

# %%
results.codes_ledger

# %% [markdown]
# ## Where next
#
# - `02_candidate_themes`: the topic model's candidate themes, BERTopic's interactive views, quotes per theme
#   and group, the crosswalk with the human codes;
# - `03_reliability`: alpha per code and coder pair, and the disagreements behind a low alpha;
# - `04_saturation`: accumulation curves, and what changes with base size and run length;
# - `05_group_comparison`: which codes and themes the groups voice differently, with quotes.
