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
# Which codes, themes and candidate themes the two groups voice differently. A participant counts once,
# however often they voiced a code: share of each group's participants with a Wilson interval, the difference
# with Newcombe's interval, Fisher's exact p and Benjamini–Hochberg adjusted p within each level. Then the
# quotes behind a difference.

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
# One row per item and group; `difference` is the first group's share minus the second's.

# %%
prevalence = results.prevalence
first = prevalence.query("group == @groups[0]").set_index(["level", "code"])
second = prevalence.query("group == @groups[1]").set_index(["level", "code"])
table = pd.concat(
    [
        first[["k_with_code", "share"]].add_suffix(f"_{groups[0]}"),
        second[["k_with_code", "share"]].add_suffix(f"_{groups[1]}"),
        first[["difference", "diff_low", "diff_high", "p", "p_adj", "significant"]],
    ],
    axis=1,
)
table.loc["code"].sort_values("p")

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
table.loc["theme"].sort_values("p")

# %%
topics = table.loc["topic"].sort_values("p").head(10)
info = results.topic_info
labels = info.assign(code="topic_" + info["topic"].astype(str)).set_index("code")["label"]
topics.join(labels)

# %% [markdown]
# ## What each group said
#
# The code that differs most (smallest p), and its most central segments in each group.

# %%
code = table.loc["code"].sort_values(["p", "difference"]).index[0]
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
