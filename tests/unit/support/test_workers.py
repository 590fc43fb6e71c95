"""Forked workers for the per-study steps: results in order, the same bytes for any number of workers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from thematica.support.workers import cache_entry, map_in_processes, uncached_workers


def _pid_of(item: int) -> tuple[int, int]:
    import os
    import time

    time.sleep(0.2)  # long enough that both workers take items
    return item * item, os.getpid()


def _run(code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_items_are_shared_among_workers_and_come_back_in_order():
    found = _run(
        """
        import json, os
        from tests.unit.support.test_workers import _pid_of
        from thematica.support.workers import map_in_processes
        out = map_in_processes(_pid_of, range(8), processes=2)
        pids = sorted({p for _, p in out})
        print(json.dumps({"squares": [s for s, _ in out], "pids": pids, "me": os.getpid()}))
        """
    )
    assert found["squares"] == [i * i for i in range(8)]
    assert len(found["pids"]) == 2 and found["me"] not in found["pids"]


def test_one_process_or_torch_loaded_computes_here():
    calls = []
    out = map_in_processes(_pid_of, [3, 4], processes=1, initializer=lambda: calls.append("init"))
    assert [s for s, _ in out] == [9, 16] and calls == ["init"]
    import os

    import torch  # noqa: F401  (forking after torch starts its threads is unsafe: no workers then)

    assert {p for _, p in map_in_processes(_pid_of, range(4), processes=2)} == {os.getpid()}


def test_two_workers_embed_and_parse_the_same_bytes_as_one(tmp_path):
    found = _run(
        f"""
        import json, hashlib
        from pathlib import Path
        import pandas as pd
        from thematica.embed.study import embed_study
        from thematica.deid.entities import study_entities
        texts = {{
            "t1": ["I saw Dr. Maria Lopez in Boston.", "Who can read my messages?"],
            "t2": ["The breathing exercises help.", "I met Ana at Google in May 2019."],
            "t3": ["My therapist listens to me.", "We talked about the app for weeks."],
        }}
        segments = pd.DataFrame(
            [{{"segment_id": f"{{t}}_{{i}}", "transcript": t, "text": x}}
             for t, xs in texts.items() for i, x in enumerate(xs)]
        )
        root = Path({str(tmp_path)!r})
        sources = {{}}
        for t, xs in texts.items():
            sources[t] = root / f"{{t}}.txt"
            sources[t].write_text("\\n".join(xs) + "\\n")
        digest = lambda a: hashlib.sha256(a.tobytes()).hexdigest()
        one, _ = embed_study(segments, root / "e1", threads=1)
        two, _ = embed_study(segments, root / "e2", threads=2)
        e1 = study_entities(sources, root / "n1", processes=1)
        e2 = study_entities(sources, root / "n2", processes=2)
        print(json.dumps({{"vectors": [digest(one), digest(two)], "entities": e1.equals(e2), "n": len(e1)}}))
        """
    )
    assert found["vectors"][0] == found["vectors"][1]
    assert found["entities"] is True and found["n"] >= 4


def test_a_job_reserves_one_worker_per_transcript_it_has_to_compute(tmp_path):
    transcripts = ["interview_01", "interview 02", "interview_03", "interview_04", "interview_05"]
    assert uncached_workers(tmp_path / "cache", transcripts, most=4) == 4  # cold: capped
    (tmp_path / "cache").mkdir()
    for name in transcripts[:3]:
        cache_entry(tmp_path / "cache", name).write_text("{}", encoding="utf-8")
    assert uncached_workers(tmp_path / "cache", transcripts, most=4) == 2
    # an added interview: one worker, the other cores stay free for other jobs
    (tmp_path / "cache" / "interview_04.json").write_text("{}", encoding="utf-8")
    assert uncached_workers(tmp_path / "cache", transcripts, most=4) == 1
    (tmp_path / "cache" / "interview_05.json").write_text("{}", encoding="utf-8")
    assert uncached_workers(tmp_path / "cache", transcripts, most=4) == 1  # nothing to compute: still one
    assert uncached_workers(tmp_path / "cache", [*transcripts, "a", "b", "c"], most=2) == 2


def test_a_process_running_numba_threads_computes_here():
    """numba's OpenMP threads, once started, make forking unsafe: the items are computed in this process."""
    found = _run(
        """
        import json, os
        import numba
        from tests.unit.support.test_workers import _pid_of
        from thematica.support.workers import fork_safe, map_in_processes
        before = fork_safe()
        numba.set_num_threads(1)  # starts numba's threading layer
        pids = sorted({p for _, p in map_in_processes(_pid_of, range(4), processes=2)})
        print(json.dumps({"before": before, "after": fork_safe(), "pids": pids, "me": os.getpid()}))
        """
    )
    assert found["before"] and not found["after"]
    assert found["pids"] == [found["me"]]


def test_a_call_in_a_child_leaves_this_process_free_to_fork():
    """in_child_process runs a call that starts numba's threads in a forked child: the parent can still fork
    its workers after it. A parent that cannot fork safely makes the call itself."""
    found = _run(
        """
        import json, os
        import numba
        from thematica.support.workers import fork_safe, in_child_process

        def start_threads(n):
            numba.set_num_threads(1)  # starts numba's threading layer, in whichever process runs this
            return os.getpid(), n + 1

        child, two = in_child_process(start_threads, 1)
        still = fork_safe()
        numba.set_num_threads(1)
        here, three = in_child_process(start_threads, 2)
        print(json.dumps({"child": child, "here": here, "me": os.getpid(), "still": still,
                          "results": [two, three]}))
        """
    )
    assert found["child"] != found["me"] and found["still"]
    assert found["here"] == found["me"]
    assert found["results"] == [2, 3]
