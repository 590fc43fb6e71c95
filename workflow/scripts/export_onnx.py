"""Export the bundled all-MiniLM-L6-v2 to ONNX, quantised to int8 or fp32 (once per model weights)."""

from thematica.embed.study import export_onnx
from thematica.support.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    export_onnx(sm.output.onnx, quantize=sm.params.precision == "int8")
