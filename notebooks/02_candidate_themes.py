# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Candidate themes
#
# The topic model proposes candidate themes for people to review; it decides nothing. This notebook reads the
# topics step's tables, shows quotes per theme and group, refits the model (the pipeline does not save it) to
# open BERTopic's interactive views, and sets the themes against the human codes.

# %% tags=["parameters"]
study = "demo_physicians"  # a study under `studies` in the config
root = ".."  # the pipeline's folder (where results/ and data/processed/ are), seen from notebooks/
config = None  # None: the config recorded in results/manifest.json, else config/config.yaml

# %%
import pandas as pd

from thematica import explore
from thematica.figures.crosswalk import plot_crosswalk
from thematica.figures.topics import plot_topic_stability, plot_topics_overview

pd.set_option("display.max_colwidth", 160)
results = explore.load_study(study, root, config=config)
groups = results.groups
group_labels = results.group_labels

# %% [markdown]
# ## Top-level candidate themes and their sub-themes
#
# The topic model finds dozens of fine topics; BERTopic's hierarchy of them is cut into at most
# `topics.top_level` top-level candidate themes (`themes.csv`), each fitted topic a sub-theme of one. Labels
# are key phrases the participants said. Topics of interview talk (apologies, lost threads, logistics, small
# talk) are set apart as theme 0, never offered as a theme.

# %%
pd.read_csv(results.root / "results" / study / "topics" / "themes.csv")

# %%
info = results.topic_info
for number, members in info.query("topic >= 0").groupby("theme", sort=False):
    print(f"{number:>2} {members['theme_label'].iloc[0]}")
    for row in members.sort_values("topic").itertuples():
        print(f"     T{row.topic:02d} {row.label}  ({row.n_segments} segments, {row.kind})")

# %% [markdown]
# ## The candidate themes
#
# One row per fitted topic: its label (key phrases), the top-level theme it belongs to, size, how many
# participants of each group voiced it, and its stability across refits with other seeds (`stable` is false
# below `topics.stability_threshold`). Topic -1, when present, holds segments no theme took.

# %%
info[
    ["topic", "label", "kind", "theme", "n_segments", "n_participants"]
    + [f"share_participants_{g}" for g in groups]
    + ["stability", "stable"]
]

# %%
explore.show(plot_topics_overview(info, study=study, group_labels=group_labels))

# %%
threshold = results.settings("topics").get("stability_threshold", 0.5)
explore.show(plot_topic_stability(info, results.stability, study=study, threshold=threshold))

# %% [markdown]
# ## Quotes per theme
#
# `quotes.csv` holds each theme's most central segments (closest to the theme's centroid, at most one per
# participant while others remain).

# %%
theme = 0  # the largest candidate theme; pick any topic number from the table above
results.quotes.query("topic == @theme")

# %% [markdown]
# The same ranking within each group: how each group voices the theme.

# %%
explore.quotes_by_group(results, theme, k=3)

# %% [markdown]
# Themes whose share of participants differs most between the groups, and the quotes behind the first one.

# %%
difference = info[f"share_participants_{groups[0]}"] - info[f"share_participants_{groups[1]}"]
by_difference = info.assign(difference=difference).query("topic >= 0")
by_difference = by_difference.reindex(by_difference["difference"].abs().sort_values(ascending=False).index)
by_difference[["topic", "label", "difference"] + [f"n_participants_{g}" for g in groups]].head(8)

# %%
explore.quotes_by_group(results, int(by_difference["topic"].iloc[0]), k=3)

# %% [markdown]
# ## BERTopic's interactive views
#
# The model is refitted from the stored embeddings with the configuration's settings and seed, and checked
# segment by segment against `segment_topics.parquet` (it stops if anything differs). On a full demo study
# this takes a minute or two. Labels read `<topic>: <label>` in the pipeline's numbering.

# %%
fitted = explore.refit_topic_model(results)
model = fitted.model
model.get_topic_info().head(10)

# %%
model.visualize_barchart(top_n_topics=8, n_words=6, custom_labels=True)

# %%
model.visualize_topics(custom_labels=True)

# %% [markdown]
# The hierarchy the top-level themes were cut from, as the topics step built it (Ward linkage on the cosine
# distances between the topics' centroids).

# %%
model.visualize_hierarchy(custom_labels=True, hierarchical_topics=fitted.hierarchical_topics())

# %%
model.visualize_heatmap(custom_labels=True)

# %% [markdown]
# Every segment on a seeded 2-D map of its embedding, coloured by theme (hover for the text).

# %%
coordinates = fitted.document_coordinates()
model.visualize_documents(
    fitted.docs, reduced_embeddings=coordinates, custom_labels=True, hide_annotations=True
)

# %% [markdown]
# Themes by group, with each group's own keywords for the theme.

# %%
model.visualize_topics_per_class(fitted.topics_per_group(), top_n_topics=12, custom_labels=True)

# %% [markdown]
# ## The crosswalk with the human codes
#
# Every theme against every consensus code: shared segments, Jaccard overlap, lift, and whether each is the
# other's best match. A mutual best match with a high overlap is a theme the coders already have; a theme
# that overlaps no code much may be new, or noise.

# %%
results.crosswalk_summary

# %%
crosswalk = results.crosswalk
matches = crosswalk.query("mutual_best").merge(info[["topic", "label"]], on="topic")
matches[["topic", "label", "code", "overlap", "jaccard", "lift", "share_of_topic", "share_of_code"]]

# %%
explore.show(plot_crosswalk(crosswalk, info, study=study, codebook=results.codebook))

# %% [markdown]
# Keywords of each human code (c-TF-IDF with the codes as labels), to compare with the themes' keywords.

# %%
keywords = results.code_keywords
keywords.query("rank <= 5").groupby("code", sort=False)["keyword"].agg(", ".join)

# %% [markdown]
# The theme and code that overlap most: the theme's quotes, and the code's most central segments.

# %%
best = crosswalk.sort_values(["jaccard", "topic"], ascending=[False, True]).iloc[0]
explore.quotes(results, int(best["topic"]), k=3)

# %%
explore.quotes(results, best["code"], level="code", k=3)
