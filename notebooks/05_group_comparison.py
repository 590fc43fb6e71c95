# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Group comparison
#
# Which codes, themes and candidate themes the groups voice differently. A participant counts once, however
# often they voiced a code: share of each group's participants with a Wilson interval. With two groups, the
# difference with Newcombe's interval and Fisher's exact p; with three or more, the Freeman–Halton test per
# item, then every pair (`pairwise`); Benjamini–Hochberg adjusted p within each level, and for the flagged
# items the Benjamini–Yekutieli false-coverage-rate interval. One group: prevalence only. Then the quotes
# behind a difference.

# %% tags=["parameters"]
study = "demo_physicians"  # a study under `studies` in the config
root = ".."  # the pipeline's folder (where results/ and data/processed/ are), seen from notebooks/
config = None  # None: the config recorded in results/manifest.json, else config/config.yaml

# %%
import pandas as pd
from IPython.display import display

from thematica import explore
from thematica.figures.compare import plot_study_comparison

pd.set_option("display.max_colwidth", 200)
results = explore.load_study(study, root, config=config)
groups = results.groups
results.group_labels

# %% [markdown]
# ## Prevalence by group
#
# One row per item: each group's participants with the item and share, then the item's test (`test` names
# it; none with one group). With two groups `difference` is the first group's share minus the second's;
# `marker` is `interval_only` where the unadjusted interval excludes 0 but the item is not significant after
# the adjustment.

# %%
prevalence = results.prevalence
wide = pd.concat(
    {
        v: prevalence.pivot(index=["level", "code"], columns="group", values=v)
        for v in ("k_with_code", "share")
    },
    axis=1,
)
wide.columns = [f"{value}_{group}" for value, group in wide.columns]
per_item = prevalence.drop_duplicates(["level", "code"]).set_index(["level", "code"])
statistics = ["test", "p", "p_adj", "significant", "marker"]
if len(groups) == 2:
    statistics = ["difference", "diff_low", "diff_high", *statistics, "diff_low_fcr", "diff_high_fcr"]
counts = wide[[f"{value}_{group}" for group in groups for value in ("k_with_code", "share")]]
table = pd.concat([counts, per_item[statistics]], axis=1)
# most different first (smallest p); with one group, most voiced first
order = {"by": "p"} if len(groups) > 1 else {"by": f"share_{groups[0]}", "ascending": False}
table.loc["code"].sort_values(**order)

# %% [markdown]
# With three or more groups, every pair: the difference of shares (`group_a` minus `group_b`) with Newcombe's
# interval and Fisher's exact p, adjusted over every item and pair of the level.

# %%
pairwise = results.pairwise
pairwise.query("level == 'code'").sort_values(["p", "code"]).head(15)

# %%
for level in prevalence["level"].unique():
    figure = plot_study_comparison(
        prevalence,
        results.codebook,
        level=level,
        group_labels=results.group_labels,
        study=study,
        topic_info=results.topic_info,
    )
    display(explore.show(figure))

# %% [markdown]
# ## Themes and candidate themes

# %%
table.loc["theme"].sort_values(**order)

# %%
topics = table.loc["topic"].sort_values(**order).head(10)
info = results.topic_info
labels = info.assign(code="topic_" + info["topic"].astype(str)).set_index("code")["label"]
topics.join(labels)

# %% [markdown]
# ## What each group said
#
# The code that differs most (smallest p; with one group, the most voiced), and its most central segments in
# each group.

# %%
code = table.loc["code"].sort_values(**order).index[0]
results.codebook.set_index("code").loc[code, ["label", "definition"]]

# %%
explore.quotes_by_group(results, code, level="code", k=3)

# %% [markdown]
# The same for the candidate theme that differs most.

# %%
topic = int(topics.index[0].removeprefix("topic_"))
explore.quotes_by_group(results, topic, level="topic", k=3)

# %% [markdown]
# ## Segment rates (descriptive)
#
# The share of each group's segments carrying each code. Segments of one participant are not independent, so
# there is no test here: read it next to the participant-level table above.

# %%
results.segment_rates.query("level == 'code'").pivot(index="code", columns="group", values="rate")
