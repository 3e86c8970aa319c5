"""Tests of kgraph.know.actors: the gazetteer file, its matching rules and its spaCy patterns."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from kgraph.errors import DataFileError
from kgraph.know.actors import (
    COLUMNS,
    Gazetteer,
    load_actors,
    load_user_actors,
    mint_actor,
    normalize_name,
    slugify,
    tokenize,
    variants,
)
from kgraph.model import ACTOR_TYPES, Actor

HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_actors()


def write_csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "actors.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# --- the shipped gazetteer -------------------------------------------------------------------


def test_shipped_file_loads_and_has_the_promised_size(gaz: Gazetteer) -> None:
    counts = Counter(a.type for a in gaz)
    assert len(gaz) >= 400
    assert counts["State"] >= 193
    assert counts["ArmedGroup"] >= 200
    assert counts["Person"] >= 50
    assert counts["InternationalOrganization"] >= 25
    assert set(counts) <= set(ACTOR_TYPES)


def test_shipped_rows_are_well_formed(gaz: Gazetteer) -> None:
    for actor in gaz:
        assert actor.id == slugify(actor.id)
        assert actor.label and not actor.minted
        assert actor.label not in actor.aliases
        assert gaz.lookup(actor.label) == actor, actor.label
        for alias in actor.aliases:
            assert gaz.lookup(alias) == actor, (alias, actor.id)


def test_every_un_member_state_is_there(gaz: Gazetteer) -> None:
    for name in ["United States", "Russia", "China", "France", "Tuvalu", "Nauru", "Eswatini",
                 "Bhutan", "North Korea", "South Sudan", "Timor-Leste", "Saint Lucia",
                 "Côte d'Ivoire", "Ivory Coast", "Democratic Republic of the Congo"]:
        actor = gaz.lookup(name)
        assert actor is not None and actor.type == "State", name


def test_countries_are_iso_alpha3_codes_of_states(gaz: Gazetteer) -> None:
    state_codes = {a.country for a in gaz if a.type == "State"}
    assert len(state_codes) == sum(1 for a in gaz if a.type == "State")
    for actor in gaz:
        assert not actor.country or actor.country in state_codes, (actor.id, actor.country)


def test_known_wikidata_ids(gaz: Gazetteer) -> None:
    expected = {"isis": "Q2429253", "al-qaeda": "Q34490", "united-states": "Q30",
                "russia": "Q159", "nato": "Q7184", "united-nations": "Q1065",
                "european-union": "Q458", "syria": "Q858", "hezbollah": "Q41053"}
    for actor_id, qid in expected.items():
        assert gaz[actor_id].wikidata == qid
    qids = [a.wikidata for a in gaz if a.wikidata]
    assert len(qids) == len(set(qids)), "a Wikidata id is given to two actors"


def test_isis_spellings_resolve_to_one_actor(gaz: Gazetteer) -> None:
    for name in ["ISIS", "Isis", "ISIL", "IS", "Daesh", "Islamic State",
                 "the so-called Islamic State", "Islamic State of Iraq and the Levant",
                 "Islamic State of Iraq and Syria", "the Islamic State’s"]:
        assert gaz.lookup(name) == gaz["isis"], name


def test_leaders_are_people_not_aliases_of_their_groups(gaz: Gazetteer) -> None:
    assert "Abu Bakr al-Baghdadi" not in gaz["isis"].aliases
    assert gaz.lookup("Abu Bakr al-Baghdadi") == gaz["abu-bakr-al-baghdadi"]
    assert gaz.lookup("Ayman al-Zawahiri") == gaz["ayman-al-zawahiri"]
    assert gaz["ayman-al-zawahiri"].type == "Person"
    groups = [a for a in gaz if a.type != "Person"]
    people = [a for a in gaz if a.type == "Person"]
    person_names = {n for p in people for n in (p.label, *p.aliases)}
    for group in groups:
        assert not person_names & set(group.aliases), group.id


def test_syria_names(gaz: Gazetteer) -> None:
    for name in ["Syria", "Syrian government", "the Syrian regime", "Assad regime"]:
        assert gaz.lookup(name) == gaz["syria"], name
    assert gaz.lookup("Bashar al-Assad") == gaz["bashar-al-assad"]


# --- case rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["us", "is", "un", "au", "uk", "chad", "turkey", "isis",
                                  "niger", "georgia", "hamas", "jordan", "al qaeda"])
def test_lower_case_never_matches(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("US", "united-states"),
        ("U.S.", "united-states"),
        ("the UK", "united-kingdom"),
        ("UN", "united-nations"),
        ("Chad", "chad"),
        ("CHAD", "chad"),
        ("TURKEY", "turkey"),
        ("HAMAS", "hamas"),
        ("Al Qaeda", "al-qaeda"),
        ("al Qaeda", "al-qaeda"),
        ("al-Qaeda", "al-qaeda"),
        ("Al-Qaeda", "al-qaeda"),
        ("Al Qaida", "al-qaeda"),
        ("AL-QAEDA", "al-qaeda"),
        ("Jabhat Al-Nusra", "al-nusra-front"),
        ("Jabhat al Nusra", "al-nusra-front"),
        ("Hezbollah's", "hezbollah"),
        ("  Hezbollah ", "hezbollah"),
        ("“Hezbollah”", "hezbollah"),
        ("Hamas'", "hamas"),
    ],
)
def test_lookup_case_and_spelling_variants(gaz: Gazetteer, text: str, actor_id: str) -> None:
    actor = gaz.lookup(text)
    assert actor is not None and actor.id == actor_id


def test_acronyms_match_only_as_written() -> None:
    assert variants("IS") == {("IS",)}
    assert variants("U.S.") == {("U.S.",)}
    assert ("Is",) not in variants("IS")


def test_variants_of_a_hyphenated_name() -> None:
    forms = {" ".join(v) for v in variants("Jund al-Aqsa")}
    assert {"Jund al - Aqsa", "Jund al Aqsa", "Jund Al - Aqsa", "JUND AL AQSA"} <= forms
    assert not any(f.islower() for f in forms)


def test_demonyms(gaz: Gazetteer) -> None:
    expected = {"Iraqi": "iraq", "American": "united-states", "Russian": "russia",
                "Saudi": "saudi-arabia", "Iranian": "iran", "Syrian": "syria",
                "Turkish": "turkey", "British": "united-kingdom", "Israeli": "israel",
                "Iraqis": "iraq", "Americans": "united-states", "Afghan": "afghanistan",
                "IRAQI": "iraq", "French": "france", "Chinese": "china", "Yemeni": "yemen",
                "Lebanese": "lebanon", "Palestinian": "palestine", "Ukrainian": "ukraine"}
    for word, actor_id in expected.items():
        actor = gaz.demonym(word)
        assert actor is not None and actor.id == actor_id, word
    for word in ["Kurdish", "Kurds", "Arab", "Shia", "Sunni", "iraqi", "american", "Congolese"]:
        assert gaz.demonym(word) is None, word


def test_every_state_has_a_demonym(gaz: Gazetteer) -> None:
    # "Congolese" and "Dominican" name two states each (the DR Congo keeps "Zairean"); the
    # Holy See has no demonym.
    without = {"dominica", "holy-see", "republic-of-the-congo"}
    missing = {a.id for a in gaz if a.type == "State"
               and not any(gaz.demonym(w) == a for w in _demonyms_of(a.id))}
    assert missing == without


def _demonyms_of(actor_id: str) -> list[str]:
    from kgraph._paths import data_path

    with data_path("actors", "actors.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["id"] == actor_id:
                return [d for d in row["demonyms"].split("|") if d]
    return []


def test_metonyms_only_when_asked() -> None:
    plain = load_actors()
    with_metonyms = load_actors(metonyms=True)
    assert plain.lookup("Washington") is None
    assert plain.lookup("Kremlin") is None
    for name, actor_id in [("Washington", "united-states"), ("the Kremlin", "russia"),
                           ("Moscow", "russia"), ("Tehran", "iran"), ("Damascus", "syria")]:
        actor = with_metonyms.lookup(name)
        assert actor is not None and actor.id == actor_id, name
    assert load_actors() is plain, "load_actors is cached"


# --- normalisation, slugs, minting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the  Islamic\nState", "Islamic State"),
        ("The so-called Islamic State", "Islamic State"),
        ("Hezbollah’s", "Hezbollah"),
        ("'Hamas'", "Hamas"),
        ("the U.S.", "U.S."),
        ("(SDF),", "SDF"),
        ("Ansar Allah.", "Ansar Allah"),
    ],
)
def test_normalize_name(text: str, name: str) -> None:
    assert normalize_name(text) == name


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("al-Qaeda", "al-qaeda"),
        ("Côte d'Ivoire", "cote-divoire"),
        ("  São Tomé and Príncipe ", "sao-tome-and-principe"),
        ("Hay'at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("People's Protection Units (YPG)", "peoples-protection-units-ypg"),
        ("Türkiye", "turkiye"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_mint_actor() -> None:
    actor = mint_actor("the so-called  Northern Storm Brigade’s", "ArmedGroup")
    assert (actor.id, actor.label, actor.type, actor.minted) == (
        "northern-storm-brigade", "Northern Storm Brigade", "ArmedGroup", True)
    assert mint_actor("“Long War Journal”,", "Organization").label == "Long War Journal"
    with pytest.raises(ValueError, match="valid types: State"):
        mint_actor("Somebody", "Gang")
    with pytest.raises(ValueError, match="cannot make an actor id"):
        mint_actor("  --  ", "Person")


def test_tokenize_matches_names_with_punctuation() -> None:
    assert tokenize("Kurdistan Workers' Party") == ("Kurdistan", "Workers", "'", "Party")
    assert tokenize("Lashkar-e-Taiba") == ("Lashkar", "-", "e", "-", "Taiba")
    assert tokenize("Côte d'Ivoire") == ("Côte", "d'Ivoire")


# --- validation ---------------------------------------------------------------------------------


def test_bad_file_reports_every_problem(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "alpha,Alpha Front,ArmedGroup,SYR,,Alpha,,,,",
        "alpha,Alpha Again,ArmedGroup,,,,,,,",
        "Bad Id,Bad,ArmedGroup,,,,,,,",
        "gamma,,Militia,,,,,,,",
        "delta,Delta,State,,Q12x,,,,,",
        "epsilon,Epsilon,ArmedGroup,,,Alpha|,,,,",
        "zeta,Zeta,State,ZZ,,,Zetan,,web,",
        "eta,Eta,ArmedGroup,,,eta boys,Etan,,,",
        "theta,Theta,State,THE,,,Zetan,,,",
        "iota,Iota,State,IOT,,,,,,,",
    )
    with pytest.raises(DataFileError) as info:
        load_actors(path)
    problems = info.value.problems
    text = str(info.value)
    expected = [
        (3, "duplicate id 'alpha' (first on line 2)"),
        (4, "id 'Bad Id' is not a slug"),
        (5, "label is empty"),
        (5, "unknown type 'Militia'; valid types: State, ArmedGroup, PoliticalParty"),
        (6, "wikidata 'Q12x' is not a Q-id"),
        (7, "name 'Alpha' (as 'Alpha') is also a name of 'alpha' ('Alpha', line 2)"),
        (7, "empty alias"),
        (8, "country 'ZZ' is not an ISO 3166-1 alpha-3 code"),
        (8, "source 'web' is not one of"),
        (9, "alias 'eta boys' has no capital letter"),
        (9, "demonyms are only for State rows"),
        (10, "demonym 'Zetan' is also a demonym of 'zeta'"),
        (11, "expected 10 fields"),
    ]
    for line, message in expected:
        assert any(p.startswith(f"{path}:{line}: ") and message in p for p in problems), (
            line, message, problems)
    assert text.startswith(f"{path}: {len(problems)} problem(s)")


def test_alias_variants_clash_between_actors(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "one,Jaish al-Islam,ArmedGroup,,,,,,,",
        "two,Army of Islam,ArmedGroup,,,Jaish al Islam,,,,",
    )
    with pytest.raises(DataFileError, match=r"actors.csv:3: column aliases: name 'Jaish al Islam'"):
        load_actors(path)


def test_metonym_clash_is_reported_even_without_metonyms(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "one,Oneland,State,ONE,,,,Capital,,",
        "two,Capital,Organization,,,,,,,",
    )
    with pytest.raises(DataFileError, match="also a name of 'one'"):
        load_actors(path)


def test_wrong_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "x,X,State,", header="id,label,kind,label")
    with pytest.raises(DataFileError) as info:
        load_actors(path)
    assert info.value.problems == [
        f"{path}:1: missing column 'type'",
        f"{path}:1: unknown column 'kind'",
        f"{path}:1: column 'label' appears twice",
        f"{path}:1: columns must be id, label, type and any of country, wikidata, aliases, "
        "demonyms, metonyms, source, note, once each",
    ]


def test_a_file_may_leave_out_the_optional_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "X Front,ArmedGroup,x-front", header="label,type,id")
    assert load_actors(path).lookup("X Front") == Actor("x-front", "X Front", "ArmedGroup")


def test_small_valid_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "oneland,Oneland,State,ONE,Q1,Republic of Oneland|ROL,Onelander,Onetown,,",
        'two-front,Two Front,ArmedGroup,ONE,,"Jabhat al-Ithnayn|Two Front (TF)",,,,a note',
    )
    gaz = load_actors(path)
    assert len(gaz) == 2 and "oneland" in gaz and "nowhere" not in gaz
    assert gaz.get("nowhere") is None
    assert [a.id for a in gaz] == ["oneland", "two-front"]
    assert gaz["oneland"].aliases == ("Republic of Oneland", "ROL")
    assert gaz.demonym("Onelanders") == gaz["oneland"]
    assert gaz.lookup("Jabhat al Ithnayn") == gaz["two-front"]
    assert gaz.lookup("Onetown") is None
    assert load_actors(path, metonyms=True).lookup("Onetown") == gaz["oneland"]


# --- the user's actor files --------------------------------------------------------------------


def user_csv(tmp_path: Path, name: str, *rows: str, header: str = "id,label,type,aliases") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_user_rows_add_actors_and_override_shipped_ones(tmp_path: Path, gaz: Gazetteer) -> None:
    mine = user_csv(tmp_path, "mine.csv",
                    "kivu-lake-front,Kivu Lake Front,ArmedGroup,KLF|Front du Lac",
                    "hezbollah,Hezbollah Movement,PoliticalParty,Party of God")
    merged = load_actors(extra=mine)
    assert merged.lookup("KLF") == Actor("kivu-lake-front", "Kivu Lake Front", "ArmedGroup",
                                         aliases=("KLF", "Front du Lac"))
    # the whole row is replaced: label, type, aliases; the shipped wikidata and country go too
    assert merged["hezbollah"] == Actor("hezbollah", "Hezbollah Movement", "PoliticalParty",
                                        aliases=("Party of God",))
    assert merged.lookup("Hizballah") is None and gaz.lookup("Hizballah").id == "hezbollah"
    assert len(merged) == len(gaz) + 1
    assert [a.id for a in merged][:len(gaz)] == [a.id for a in gaz]  # shipped order kept
    assert load_actors(extra=[mine]) is merged  # cached by the files' text
    assert load_actors() is gaz  # the packaged gazetteer is untouched
    assert [a.id for a in load_user_actors(mine)] == ["kivu-lake-front", "hezbollah"]


def test_a_user_name_is_taken_from_the_shipped_actor_that_had_it(tmp_path: Path,
                                                                  gaz: Gazetteer) -> None:
    assert gaz.lookup("RSF").id == "rsf"
    mine = user_csv(tmp_path, "mine.csv", "reporters,Reporters Sans Frontieres,Organization,RSF")
    merged = load_actors(extra=mine)
    assert merged.lookup("RSF").id == "reporters"
    assert merged["rsf"].aliases == () and merged.lookup("Rapid Support Forces").id == "rsf"
    state = user_csv(tmp_path, "state.csv", "new-iraq,New Iraq,State,Iraqi",
                     header="id,label,type,demonyms")
    assert load_actors(extra=state).demonym("Iraqis").id == "new-iraq"
    assert load_actors(extra=state).lookup("Iraq").id == "iraq"


def test_an_edited_user_file_is_read_again(tmp_path: Path) -> None:
    mine = user_csv(tmp_path, "mine.csv", "kivu-lake-front,Kivu Lake Front,ArmedGroup,KLF")
    assert load_actors(extra=mine).lookup("KLF") is not None
    user_csv(tmp_path, "mine.csv", "kivu-lake-front,Kivu Lake Front,ArmedGroup,")
    assert load_actors(extra=mine).lookup("KLF") is None


def test_bad_user_rows_are_reported_at_once_with_file_line_and_column(tmp_path: Path) -> None:
    first = user_csv(tmp_path, "first.csv", "kivu-lake-front,Kivu Lake Front,ArmedGroup,KLF",
                     header="id,label,type,aliases")
    second = user_csv(
        tmp_path, "second.csv",
        "north-wind,North Wind,Militia,,",
        "east-wind,East Wind,ArmedGroup,Q12x,",
        "kivu-lake-front,Kivu Front,ArmedGroup,,",
        "west-wind,,ArmedGroup,,",
        "south-wind,South Wind,ArmedGroup",
        "lake-band,Lake Band,ArmedGroup,,KLF",
        "hezbollah,Hezbollah,ArmedGroup,,",
        "hezbollah,Hezbollah,ArmedGroup,,",
        header="id,label,type,wikidata,aliases")
    with pytest.raises(DataFileError) as info:
        load_actors(extra=[first, second])
    assert info.value.path == str(second)
    assert sorted(info.value.problems) == sorted([
        f"{second}:2: column type: unknown type 'Militia'; valid types: "
        "State, ArmedGroup, PoliticalParty, InternationalOrganization, Person, Organization, "
        "DescriptorGroup",
        f"{second}:3: column wikidata: wikidata 'Q12x' is not a Q-id like Q30",
        f"{second}:4: column id: duplicate id 'kivu-lake-front' (first on {first}:2)",
        f"{second}:5: column label: label is empty",
        f"{second}:6: expected 5 fields, found 3",
        f"{second}:7: column aliases: name 'KLF' (as 'KLF') is also a name of "
        f"'kivu-lake-front' ('KLF', {first}:2)",
        f"{second}:9: column id: duplicate id 'hezbollah' (first on line 8)",
    ])


def test_a_user_file_must_name_the_required_columns(tmp_path: Path) -> None:
    mine = user_csv(tmp_path, "mine.csv", "kivu-lake-front,Kivu Lake Front",
                    header="id,label")
    with pytest.raises(DataFileError, match=r"mine.csv:1: missing column 'type'"):
        load_actors(extra=mine)
    with pytest.raises(DataFileError, match=r"nowhere.csv:1: cannot read the file"):
        load_actors(extra=tmp_path / "nowhere.csv")


# --- spaCy patterns -----------------------------------------------------------------------------


def test_patterns_shape(gaz: Gazetteer) -> None:
    patterns = gaz.patterns()
    assert {"label": "State", "pattern": [{"ORTH": "US"}], "id": "united-states"} in patterns
    assert all(set(p) == {"label", "pattern", "id"} for p in patterns)
    assert all(p["label"] == gaz[p["id"]].type for p in patterns)
    lowered = [p for p in patterns if all(t["ORTH"].islower() for t in p["pattern"])]
    assert not lowered


@pytest.fixture(scope="module")
def ruler_nlp(gaz: Gazetteer):  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gaz.patterns())
    return nlp


def _ents(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.ent_id_ for e in nlp(text).ents]


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [
        ("The US and the UK backed the rebels.", ["united-states", "united-kingdom"]),
        ("Let us see what is new.", []),
        ("Al Qaeda denied it.", ["al-qaeda"]),
        ("Fighters loyal to al-Qaeda withdrew.", ["al-qaeda"]),
        ("ISIS and the al-Nusra Front agreed to fight the US-backed SRF.",
         ["isis", "al-nusra-front", "united-states", "syrian-revolutionaries-front"]),
        ("Isis fighters and Jabhat al Nusra clashed near the border with Turkey.",
         ["isis", "al-nusra-front", "turkey"]),
        ("Kata\u2019ib Hezbollah and the Kurdistan Workers\u2019 Party",
         ["kataib-hezbollah", "pkk"]),
        ("We ate turkey in chad on the un day.", []),
        ("Abu Bakr al-Baghdadi leads the Islamic State.", ["abu-bakr-al-baghdadi", "isis"]),
        ("The Syrian regime and Hezbollah's fighters", ["syria", "hezbollah"]),
        ("Washington warned Moscow.", []),
    ],
)
def test_entity_ruler_matches(ruler_nlp, sentence: str, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _ents(ruler_nlp, sentence) == ids


def test_metonym_patterns(gaz: Gazetteer) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(load_actors(metonyms=True).patterns())
    assert _ents(nlp, "Washington warned Moscow.") == ["united-states", "russia"]


def test_own_tokenizer_agrees_with_spacy(gaz: Gazetteer) -> None:
    spacy = pytest.importorskip("spacy")
    tokenizer = spacy.blank("en").tokenizer
    names = [n for row in _rows() for col in ("label", "aliases", "metonyms")
             for n in row[col].split("|") if n]
    assert len(names) > 1000
    names += [n.replace("'", "\u2019") for n in names if "'" in n]
    for name in names:
        assert tokenize(name) == tuple(t.text for t in tokenizer(name)), name


def _rows() -> list[dict[str, str]]:
    from kgraph._paths import data_path

    rows: list[dict[str, str]] = []
    for name in ("actors.csv", "actors-phoenix.csv"):
        with data_path("actors", name).open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows
