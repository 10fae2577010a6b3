import json

from click.testing import CliRunner

from frontlines.cli import main


def test_extract_prints_one_contract_record_per_document(tmp_path):
    (tmp_path / "a.txt").write_text("Clashes in Freedonia\n\nFighting broke out on Monday in the capital.\n")
    (tmp_path / "b.txt").write_text("Ceasefire holds\n\nThe truce held for a third day, officials said.\n")
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["doc"] for r in records] == ["a.txt", "b.txt"]
    for record in records:
        assert {"doc", "title", "outlet", "published", "published_range", "body", "places", "events"} <= set(record)
    assert "Fighting broke out" in records[0]["body"]
