import hashlib
import json

from thematica.support.manifest import build_manifest, main, verify_manifest, write_manifest


def test_manifest_records_and_verifies_hashes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "a.csv").write_text("x\n1\n")
    (tmp_path / "in.txt").write_text("input")
    manifest = build_manifest(["results/a.csv"], ["in.txt"], {"seed": 7, "studies": {}})
    assert manifest["seed"] == 7
    assert manifest["outputs"]["results/a.csv"] == hashlib.sha256(b"x\n1\n").hexdigest()
    assert manifest["packages"]["numpy"] != "not installed"
    write_manifest(manifest, tmp_path / "results" / "manifest.json")
    assert json.loads((tmp_path / "results" / "manifest.json").read_text())["inputs"]["in.txt"]

    rerun = tmp_path / "rerun"
    (rerun / "results").mkdir(parents=True)
    (rerun / "results" / "a.csv").write_text("x\n1\n")
    assert verify_manifest(tmp_path / "results" / "manifest.json", rerun) == []
    assert main(["verify", str(tmp_path / "results" / "manifest.json"), "--root", str(rerun)]) == 0
    assert "1 of 1 outputs reproduced" in capsys.readouterr().out

    (rerun / "results" / "a.csv").write_text("x\n2\n")
    assert verify_manifest(tmp_path / "results" / "manifest.json", rerun) == [
        ("results/a.csv", "different bytes")
    ]
    (rerun / "results" / "a.csv").unlink()
    assert main(["verify", str(tmp_path / "results" / "manifest.json"), "--root", str(rerun)]) == 1
