"""The build on small fake wheels: sha256 checks, version checks, deterministic files, provenance counts."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import pickle
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from kg.vocab.build import build_vocab
from kg.vocab.errors import SourceError
from kg.vocab.lexicon import read_lexicon
from kg.vocab.sources import DRUGBANK, HP, ICD9CM, Source, Wheel
from kg.vocab.terms import read_provenance, read_terms
from kg.vocab.wheels import fetch_wheel, read_member
from kg.vocab.wordlists import Wordlists

from .test_readers import OBO, drug_dictionary

ICD_XML = b"""<tryton><data>
<record model="gnuhealth.procedure" id="a"><field name="name">86.22</field>
<field name="description">Excisional debridement of wound, infection, or burn</field></record>
<record model="gnuhealth.procedure" id="b"><field name="name">01.28</field>
<field name="description">Placement of intracerebral catheter(s) via burr hole(s)</field></record>
</data></tryton>"""

HP_OBO = OBO.replace(
    b"[Term]\nid: HP:0000001",
    b"[Term]\nid: HP:0032263\nname: Increased blood pressure\nis_a: HP:0000118\n\n"
    b"[Term]\nid: HP:0000118\nname: Phenotypic abnormality\n\n[Term]\nid: HP:0000001",
)


def fake_wheel(cache: Path, source: Source, payload: bytes) -> Source:
    """Write a wheel holding ``payload`` at the source's member; return the source pinned to it."""
    filename = f"fake_{source.key.lower()}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(cache / filename, "w") as archive:
        archive.writestr(source.member, payload)
    digest = hashlib.sha256((cache / filename).read_bytes()).hexdigest()
    return replace(source, wheel=Wheel(f"fake-{source.key.lower()}", "1.0", filename, digest))


@pytest.fixture()
def sources(tmp_path: Path) -> tuple[Path, list[Source]]:
    cache = tmp_path / "cache"
    cache.mkdir()
    pinned = [
        fake_wheel(cache, HP, HP_OBO),
        fake_wheel(cache, DRUGBANK, bz2.compress(drug_dictionary())),
        fake_wheel(cache, ICD9CM, ICD_XML),
    ]
    return cache, pinned


def test_a_build_writes_three_deterministic_files(tmp_path: Path, sources: tuple[Path, list[Source]], words: Wordlists) -> None:
    cache, pinned = sources
    first = build_vocab(tmp_path / "one", cache, pinned, words)
    build_vocab(tmp_path / "two", cache, pinned, words)
    for name in first.sizes:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    lexicon = read_lexicon(tmp_path / "one" / "lexicon.tsv.gz")
    assert [c.id for c in lexicon.lookup("high blood pressure")] == ["HP:0000822"]
    assert [c.id for c in lexicon.lookup("HTN")] == ["HP:0000822"]
    assert lexicon.lookup("phenotypic abnormality") == ()
    assert [c.id for c in lexicon.lookup("placement of intracerebral catheters via burr holes")] == ["ICD9CM:01.28"]
    terms = read_terms(tmp_path / "one" / "terms.jsonl.gz")
    assert sorted(terms) == [
        "DRUGBANK:DB00682",
        "DRUGBANK:DB00945",
        "HP:0000118",
        "HP:0000822",
        "HP:0032263",
        "ICD9CM:01.28",
        "ICD9CM:86.22",
    ]
    assert terms["HP:0000822"].term.synonyms[1].text == "High blood pressure"
    provenance = read_provenance(tmp_path / "one" / "provenance.json")
    hp = provenance["sources"]["HP"]
    assert (hp["terms_read"], hp["terms_kept"], hp["version"]) == (4, 3, "2025-01-16")
    assert hp["texts_dropped"] == {"root": 1}
    assert provenance["sources"]["DRUGBANK"]["sha256"] == pinned[1].wheel.sha256


def test_gzip_members_carry_no_time_stamp(tmp_path: Path, sources: tuple[Path, list[Source]], words: Wordlists) -> None:
    cache, pinned = sources
    build_vocab(tmp_path / "out", cache, pinned, words)
    raw = (tmp_path / "out" / "lexicon.tsv.gz").read_bytes()
    assert raw[4:8] == b"\x00\x00\x00\x00"
    assert gzip.decompress(raw).startswith(b"text\tid\tkind")


def test_a_wheel_with_another_sha256_is_refused(tmp_path: Path, sources: tuple[Path, list[Source]], words: Wordlists) -> None:
    cache, pinned = sources
    tampered = replace(pinned[0], wheel=replace(pinned[0].wheel, sha256="0" * 64))
    with pytest.raises(SourceError, match="sha256"):
        build_vocab(tmp_path / "out", cache, [tampered], words)
    assert not (tmp_path / "out").exists()


def test_a_file_stating_another_version_is_refused(tmp_path: Path, sources: tuple[Path, list[Source]], words: Wordlists) -> None:
    cache, pinned = sources
    with pytest.raises(SourceError, match="states version 2025-01-16"):
        build_vocab(tmp_path / "out", cache, [replace(pinned[0], data_version="2024-01-01")], words)


def test_a_missing_member_is_named(tmp_path: Path, sources: tuple[Path, list[Source]]) -> None:
    cache, pinned = sources
    wheel = fetch_wheel(pinned[0].wheel, cache)
    with pytest.raises(SourceError, match=r"has no file nowhere\.obo"):
        read_member(wheel, "nowhere.obo")


def test_the_provenance_is_json_with_sorted_keys(tmp_path: Path, sources: tuple[Path, list[Source]], words: Wordlists) -> None:
    cache, pinned = sources
    build_vocab(tmp_path / "out", cache, pinned, words)
    text = (tmp_path / "out" / "provenance.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "built" not in json.loads(text)


def test_pickled_drug_dictionary_round_trip_is_plain_data() -> None:
    assert isinstance(pickle.loads(drug_dictionary()), dict)
