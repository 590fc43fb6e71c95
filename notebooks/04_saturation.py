# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Saturation
#
# How many new codes each interview added, in interview order and over random orders; Guest et al. (2020)
# saturation (base size, run length, new-information threshold); the share of the codebook voiced and the
# interview that brought the last new code. For an inductive codebook (`codes.codebook_kind`), Chao2 richness
# and sample coverage too; a deductive one, fixed before coding, has no codes beyond it to estimate. Then
# what changes when the base size and the run length change.

# %% tags=["parameters"]
study = "demo_physicians"  # a study under `studies` in the config
root = ".."  # the pipeline's folder (where results/ and data/processed/ are), seen from notebooks/
config = None  # None: the config recorded in results/manifest.json, else config/config.yaml

# %%
import pandas as pd

from thematica import explore
from thematica.figures.saturation import plot_saturation

pd.set_option("display.max_colwidth", 160)
results = explore.load_study(study, root, config=config)
settings = results.settings("saturation")
{key: settings.get(key) for key in ("base_size", "run_length", "threshold", "n_permutations")}

# %% [markdown]
# ## Summary
#
# Per source (the consensus, each coder), level (code, theme) and group (all interviews, each group).

# %%
summary = results.saturation_summary
columns = [
    "source",
    "level",
    "group",
    "codebook_kind",
    "n_interviews",
    "n_codes",
    "observed",
    "codebook_coverage",
    "last_new",
    "last_new_perm_mean",
    "guest_base_codes",
    "guest_saturation",
    "perm_share_reached",
    "perm_n_median",
    "chao2",
    "coverage",
    "guest_note",
]
summary.query("source == 'consensus'")[columns]

# %%
curve, extrapolation = results.saturation_curve, results.extrapolation
explore.show(
    plot_saturation(
        curve,
        summary,
        extrapolation,
        study=study,
        group_labels=results.group_labels,
        level="code",
        codebook=results.codebook,
    )
)

# %% [markdown]
# ## The curve: when each code first appeared
#
# `expected` is the exact mean over all interview orders; `run_new_share` the new information of the Guest
# run that follows the interview, as a share of the base's codes.

# %%
consensus_curve = curve.query("source == 'consensus' and level == 'code' and group == 'all'")
consensus_curve[["order", "participant_id", "new", "new_codes", "cumulative", "expected", "run_new_share"]]

# %% [markdown]
# ## Base size and run length
#
# Guest saturation of the observed interview order for a grid of base sizes (rows) and run lengths
# (columns), at the configured threshold. A small base has few codes, so one new code is a large share of
# it; a longer run asks for more interviews without new information.

# %%
grid = explore.guest_grid(results, base_sizes=range(2, 9), run_lengths=(1, 2, 3))
grid.pivot(index="base_size", columns="run_length", values="saturation")

# %% [markdown]
# And the threshold: how much new information a run may still add.

# %%
explore.guest_grid(results, base_sizes=[4, 6], run_lengths=[2, 3], thresholds=[0.0, 0.05, 0.1, 0.2])

# %% [markdown]
# ## The whole stage under other settings
#
# `rerun_saturation` reruns the saturation stage with some settings changed (the rest as configured): here a
# larger base and a longer run, for the consensus only. The permutation columns show how often random
# interview orders reach saturation under them.

# %%
changed = {"base_size": 6, "run_length": 3}
again = explore.rerun_saturation(results, coders=False, **changed)
compared = pd.concat(
    {
        "as configured": summary.query("source == 'consensus'").set_index(["level", "group"]),
        "base 6, run 3": again.summary.set_index(["level", "group"]),
    },
    names=["settings"],
)
compared[["guest_base_size", "guest_run_length", "guest_saturation", "perm_share_reached", "perm_n_median"]]

# %%
explore.show(
    plot_saturation(
        again.curve,
        again.summary,
        again.extrapolation,
        study=study,
        group_labels=results.group_labels,
        codebook=results.codebook,
    )
)

# %% [markdown]
# ## Deductive or inductive codebook
#
# With a codebook developed from the interviews (`codes.codebook_kind: inductive`), Chao2 estimates how many
# codes a larger sample would find and the coverage targets how many further interviews that takes. With a
# codebook fixed in advance those estimates would describe codes that cannot exist; here they are computed as
# if the codebook had been inductive, to show what they say.

# %%
inductive = explore.rerun_saturation(results, coders=False, levels=["code"], codebook_kind="inductive")
inductive.summary[["group", "codebook_kind", "observed", "chao2", "chao2_low", "chao2_high", "coverage"]]

# %% [markdown]
# ## Each coder's own saturation
#
# The same analysis on each coder's coding alone (over the transcripts that coder saw).

# %%
summary.query("level == 'code' and group == 'all'")[
    [
        "source",
        "n_interviews",
        "observed",
        "codebook_coverage",
        "last_new",
        "guest_saturation",
        "chao2",
        "coverage",
    ]
]
