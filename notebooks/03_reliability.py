# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Reliability
#
# Krippendorff's alpha per code and theme (binary, per segment; a coder who never saw a transcript is
# missing there, not zero), per pair of coders, and for unitizing on the raw spans. Then the part a table
# cannot show: the actual segments behind a low alpha, and what each coder marked there.

# %% tags=["parameters"]
study = "demo_physicians"  # a study under `studies` in the config
root = ".."  # the pipeline's folder (where results/ and data/processed/ are), seen from notebooks/
config = None  # None: the config recorded in results/manifest.json, else config/config.yaml

# %%
import pandas as pd

from thematica import explore
from thematica.figures.machine import plot_learning_curve, plot_machine_reliability
from thematica.figures.reliability import plot_reliability_alpha, plot_reliability_coefficients
from thematica.reliability.note import table_note

pd.set_option("display.max_colwidth", 200)
results = explore.load_study(study, root, config=config)
settings = results.settings("reliability")

# %% [markdown]
# Reliability needs two coders judging the same segments. A study coded by one coder (or by coders who
# never shared a transcript) has none: every reliability table then holds one row that says so, the figure
# states it, and the cells below that look for disagreements find none.

# %%
note = table_note(results.alpha)
note or "two or more coders judged the same segments"

# %% [markdown]
# ## Alpha per code and theme
#
# With the bootstrap interval, `q_below_min` (the probability that alpha is below `alpha_min`), a second
# interval from resampling whole transcripts, percent agreement, prevalence, a low-prevalence warning, and
# alpha_U on the raw spans.

# %%
alpha = results.alpha
alpha[
    [
        "code",
        "level",
        "label",
        "alpha",
        "ci_low",
        "ci_high",
        "q_below_min",
        "n_units",
        "n_coders",
        "pct_agree",
        "prevalence",
        "low_prevalence_warning",
        "unitized_alpha",
    ]
]

# %%
explore.show(
    plot_reliability_alpha(
        alpha,
        study=study,
        alpha_min=settings.get("alpha_min", 0.667),
        alpha_good=settings.get("alpha_good", 0.8),
        ci_level=settings.get("ci_level", 0.95),
    )
)

# %% [markdown]
# ## Alpha per pair of coders
#
# Over the segments both coders saw. A low alpha for one pair only points at one coder.

# %%
pairs = results.pairs
pairs.query("level == 'code'").pivot_table(index="code", columns=["coder_a", "coder_b"], values="alpha")

# %% [markdown]
# ## The disagreements behind a low alpha
#
# The code with the lowest alpha (or set `code` by hand). Each row is a segment that at least two coders saw,
# where some applied the code and some did not; the coder columns hold each coder's decision (missing: the
# coder did not see the transcript).

# %%
codes = alpha.query("level == 'code'").dropna(subset=["alpha"]).sort_values("alpha")
code = codes["code"].iloc[0] if len(codes) else None  # None: no code has an alpha (see `note`)
codes.head(1)[["code", "label", "alpha", "ci_low", "ci_high", "n_units_with_code"]]

# %%
disagreements = (
    explore.disagreements(results, code) if code else pd.DataFrame(columns=["segment_id", "applied_by"])
)
len(disagreements), disagreements["applied_by"].value_counts()

# %%
disagreements.head(15)

# %% [markdown]
# What each coder actually marked over the first disagreement: the raw spans, with their text and how much of
# the segment they cover.

# %%
explore.coded_spans(results, disagreements["segment_id"].iloc[0]) if len(disagreements) else note

# %% [markdown]
# The definition the coders worked from, to read the disagreements against.

# %%
results.codebook.set_index("code").loc[[code] if code else [], ["label", "definition"]]

# %% [markdown]
# ## One pair of coders
#
# The pair that agrees least on this code, and the segments behind that row of `pairs.csv`.

# %%
pair = pairs.query("level == 'code' and code == @code").sort_values("alpha").head(1)
pair[["coder_a", "coder_b", "n_units", "n_both", "n_a_only", "n_b_only", "alpha"]]

# %%
pair_coders = [pair["coder_a"].iloc[0], pair["coder_b"].iloc[0]] if len(pair) else None
explore.disagreements(results, code, coders=pair_coders).head(10) if pair_coders else note

# %% [markdown]
# ## Themes
#
# A coder applied a theme to a segment when they applied any of its codes.

# %%
themes = alpha.query("level == 'theme'").dropna(subset=["alpha"]).sort_values("alpha")
explore.disagreements(results, themes["code"].iloc[0], level="theme").head(10) if len(themes) else note

# %% [markdown]
# ## Unitizing on the raw spans
#
# Alpha for where coders put their spans, without segments: u-alpha and |u-alpha for the codebook, alpha_U
# per theme and code.

# %%
results.unitized

# %% [markdown]
# ## Other coefficients
#
# Cohen's kappa (per pair of coders, and their mean for more than two), Fleiss' kappa and Gwet's AC1 beside
# alpha, as reviewers trained on NVivo or MAXQDA ask for them. The `note` column says how each coefficient
# treats this study's design. AC1 stays near 1 for a rare code on which the kappas and alpha drop: it corrects
# less for chance agreement on "not coded".

# %%
coefficients = results.coefficients
all_coders = coefficients[coefficients["coder_a"].isna()] if "coder_a" in coefficients else coefficients
all_coders.pivot_table(index=["level", "code"], columns="coefficient", values="estimate", sort=False)

# %%
explore.show(
    plot_reliability_coefficients(
        coefficients,
        study=study,
        alpha_min=settings.get("alpha_min", 0.667),
        alpha_good=settings.get("alpha_good", 0.8),
        ci_level=settings.get("ci_level", 0.95),
    )
)

# %% [markdown]
# ## The machine coder
#
# A classifier per code on the segments' embeddings, trained on the consensus and evaluated by
# cross-validation grouped by transcript (no segment of a test transcript in training), measured with the
# same alpha and intervals as the human coders: against the consensus and against each coder, beside the
# humans. A code the humans agree on poorly caps the machine too: it cannot agree with a consensus the coders
# do not share. The learning curve shows how much hand coding the machine needs.

# %%
if results.has("machine"):
    machine = results.machine
    pair = machine["coder_a"].astype(str) + " vs " + machine["coder_b"].astype(str)
    versus = machine["comparison"].mask(machine["comparison"].isin(["machine_coder", "coder_pair"]), pair)
    display = machine.assign(versus=versus).pivot_table(
        index="code", columns="versus", values="alpha", sort=False
    )
    explore.show(plot_machine_reliability(machine, study=study, alpha_min=settings.get("alpha_min", 0.667)))
    explore.show(plot_learning_curve(results.learning_curve, machine, study=study))
else:
    display = "no machine coder for this study (it needs coded transcripts and `machine` in the config)"
display
