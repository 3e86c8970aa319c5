"""Tests of scripts/make_cameo_lexicon.py on small dictionaries written here in the CAMEO format."""

from __future__ import annotations

from pathlib import Path

import pytest
from script_loader import load_script

from kgraph.know.relations import LEXICON_COLUMNS, load_lexicon, load_relations

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "resources" / "phoenix" / "CAMEO.2.0.verbs.txt"
CHECKED_IN = ROOT / "data" / "relations" / "lexicon-cameo.csv"


mk = load_script("make_cameo_lexicon")

MAP = """code_prefix,block,relation,direction,reciprocal,object_owner,target_preps,confidence,note
04,,,,,,,,contacts only
046,,negotiates-with,forward,yes,no,with,0.6,talks
050,HELPERS,backs,forward,no,no,to,0.6,a block of its own
11,,,,,,,,
111,,criticizes,forward,no,yes,of,0.7,criticize
163,,sanctions,forward,no,no,on;against,0.65,sanctions
19,,fights,forward,yes,no,against,0.7,fight
195,,attacks,forward,no,no,on,0.7,from the air
"""

DICT = """# a made-up dictionary
####### SYNONYM SETS #######

&PENALTY
+FINE
+PENALTY
+BIG_LEVY

&CROWD
+MOB

####### VERB PATTERNS #######

---  SCUFFLE   [190]  ---
+SQUARE_OFF
TUSSLE {TUSSLES TUSSLED TUSSLING}
WRESTLE
RAIN_DOWN_ON
BOMBLE [195]  # an invented verb with a code of its own
NAP [---]
- * (AGAINST)                                [190]      # TUSSLE
- &CROWD *                                   [190]      # TUSSLE
- * (AT {MARKET SQUARE})                     [---]      # TUSSLE
- * (IN ARENA)                               [190]      # WRESTLE
- * WITH                                     [190]      # WRESTLE

---  SCOLD   [111]  ---
TUT_TUT
UPBRAID
- * {HARSH WORDS}                            [111]      # UPBRAID
- * &PENALTY                                 [163]      # UPBRAID

---  PARLEY   [040]  ---
CHAT
- * TERMS (WITH +)                           [046:046]  # CHAT
- * ABOUT                                    [040]      # CHAT

---  UPSET   [---]  ---
MIFF
- * OFF (AGAINST)                            [:111]     # MIFF

######## TRANSFORMATIONS ##########
~ a b c
"""


def _convert(text: str = DICT) -> tuple[list[dict[str, str]], object]:
    table = mk.read_map_text(MAP)
    return mk.convert(text, table, name="test.verbs.txt")


def _find(rows: list[dict[str, str]], **want: str) -> list[dict[str, str]]:
    return [r for r in rows if all(r[k] == v for k, v in want.items())]


def test_block_code_applies_to_every_verb_and_own_codes_override() -> None:
    rows, _ = _convert()
    (tussle,) = _find(rows, lemma="tussle", pos="verb", preps="", object_word="")
    assert (tussle["relation"], tussle["reciprocal"], tussle["voice"]) == (
        "fights", "yes", "active")
    assert _find(rows, lemma="wrestle", preps="", relation="fights")
    (bomble,) = _find(rows, lemma="bomble", pos="verb")
    assert (bomble["relation"], bomble["reciprocal"], bomble["voice"]) == ("attacks", "no", "any")
    assert bomble["source"] == "test.verbs.txt:19 [195]"
    assert bomble["note"] == "195 bomble"
    assert not _find(rows, lemma="nap")  # [---]: no event


def test_phrasal_verbs_keep_their_particle_and_other_multiword_verbs_are_dropped() -> None:
    rows, counts = _convert()
    (square,) = _find(rows, lemma="square")
    assert (square["marker"], square["relation"]) == ("off", "fights")
    assert not _find(rows, lemma="rain") and not _find(rows, lemma="tut")
    assert counts.dropped["multi-word verb"] == 2


def test_irregular_forms_are_read_as_the_lemma() -> None:
    rows, counts = _convert()
    assert counts.forms == 3
    assert not _find(rows, lemma="tussled")


def test_patterns_become_preps_object_words_and_markers() -> None:
    rows, _ = _convert()
    (against,) = _find(rows, lemma="tussle", pos="verb", preps="against")
    assert against["exclusive"] == "yes" and against["voice"] == "active"
    # a bare preposition is read as the phrase it opens; the pattern goes to the verb it names
    assert _find(rows, lemma="wrestle", preps="with", relation="fights")
    assert not _find(rows, lemma="tussle", preps="with")
    (terms,) = _find(rows, lemma="chat", object_word="terms")
    # with an object word, coordinated subjects relate only with "each other"
    assert (terms["preps"], terms["relation"], terms["reciprocal"]) == (
        "with", "negotiates-with", "explicit")
    # an object word with no preposition takes the relation's target prepositions
    fines = _find(rows, lemma="upbraid", relation="sanctions")
    assert {r["object_word"] for r in fines} == {"fine", "penalty"}  # a word class, one word each
    assert {r["preps"] for r in fines} == {"on;against"}


def test_pattern_rows_come_before_the_verbs_own_row() -> None:
    rows, _ = _convert()
    upbraid = [r for r in rows if r["lemma"] == "upbraid" and r["pos"] == "verb"]
    assert upbraid[-1]["object_word"] == "" and upbraid[-1]["exclusive"] == "no"
    assert all(r["exclusive"] == "yes" for r in upbraid[:-1])
    assert [r["lemma"] for r in rows] == sorted(r["lemma"] for r in rows)


def test_a_verbs_own_word_is_also_an_event_noun_with_the_codes_target_prepositions() -> None:
    rows, _ = _convert()
    (tussle,) = _find(rows, lemma="tussle", pos="noun")
    assert (tussle["frame"], tussle["relation"], tussle["preps"], tussle["reciprocal"]) == (
        "noun", "fights", "against", "yes")
    assert tussle["note"] == "190 tussle (noun)" and tussle["source"].endswith(" [190]")
    assert [r["pos"] for r in rows if r["lemma"] == "tussle"][-1] == "noun"  # after the verb's
    (bomble,) = _find(rows, lemma="bomble", pos="noun")
    assert (bomble["relation"], bomble["preps"]) == ("attacks", "on")
    # a particle verb has no noun of its own word
    assert not _find(rows, lemma="square", pos="noun")


def test_a_reply_code_reverses_the_direction() -> None:
    rows, _ = _convert()
    (miff,) = _find(rows, lemma="miff")
    assert (miff["relation"], miff["direction"], miff["marker"], miff["preps"]) == (
        "criticizes", "reverse", "off", "against")


def test_what_the_frame_cannot_say_is_dropped_and_counted() -> None:
    rows, counts = _convert()
    assert counts.dropped["words before the verb"] == 1
    assert counts.dropped["noun inside the prepositional phrase"] == 1
    assert counts.dropped["no event"] == 1
    assert counts.dropped["multi-word object"] == 1
    assert counts.dropped["code maps to no relation"] == 1  # "- * ABOUT [040]"
    assert counts.dropped["verb code maps to no relation"] == 1  # chat [040]
    assert counts.dropped["verb of no event"] == 2  # nap, and miff (its block is [---])
    assert counts.patterns == 10
    assert counts.verbs == 10
    assert counts.rows == len(rows)
    assert "rows written: " in counts.report()


def test_lookup_prefers_the_longest_prefix_and_the_named_block() -> None:
    table = mk.read_map_text(MAP)
    assert mk.lookup("1952", "ANY", table).relation == "attacks"
    assert mk.lookup("193", "ANY", table).relation == "fights"
    assert mk.lookup("050", "HELPERS", table).relation == "backs"
    assert mk.lookup("050", "OTHERS", table) is None
    assert mk.lookup("112", "ANY", table) is None  # 11 maps to nothing
    assert mk.lookup("090", "ANY", table) is None  # no row at all


def test_output_is_a_valid_lexicon(tmp_path: Path) -> None:
    rows, _ = _convert()
    out = tmp_path / "lexicon-test.csv"
    out.write_text(mk.render(rows), encoding="utf-8")
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(LEXICON_COLUMNS)
    entries = load_lexicon(out)
    assert {e.file for e in entries} == {"lexicon-test.csv"}
    assert {e.source.split(":")[0] for e in entries} == {"test.verbs.txt"}


def test_main_writes_the_file_and_prints_counts(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "d.txt").write_text(DICT, encoding="utf-8")
    (tmp_path / "m.csv").write_text(MAP, encoding="utf-8")
    out = tmp_path / "o.csv"
    assert mk.main([str(tmp_path / "d.txt"), "--map", str(tmp_path / "m.csv"),
                    "--out", str(out)]) == 0
    assert "verbs read: 10" in capsys.readouterr().out
    assert "d.txt:" in out.read_text(encoding="utf-8")


def test_the_packaged_map_names_known_relations() -> None:
    table = mk.read_map(mk.DEFAULT_MAP)
    relations = load_relations()
    inverses = {r.inverse for r in relations.values() if r.inverse}
    for m in table:
        assert m.relation == "" or m.relation in relations or m.relation in inverses, m
        assert m.prefix.isdigit()


@pytest.mark.skipif(not REAL.exists(), reason="the CAMEO dictionary (../shared) is absent")
def test_the_checked_in_file_is_what_the_script_makes_of_the_dictionary() -> None:
    text = REAL.read_text(encoding="utf-8", errors="replace")
    rows, _ = mk.convert(text, mk.read_map(mk.DEFAULT_MAP), name=REAL.name)
    assert mk.render(rows) == CHECKED_IN.read_text(encoding="utf-8")
