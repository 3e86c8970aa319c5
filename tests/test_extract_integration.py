"""The extractor with the real spaCy model on sentences written for these tests."""

from __future__ import annotations

import pytest

from kgraph.errors import ModelError
from kgraph.model import Article, Assertion

pytestmark = pytest.mark.slow

CASES = [
    ("Hezbollah and Iran agreed to fight the Islamic State in eastern Syria.",
     {("hezbollah", "fights", "isis"), ("iran", "fights", "isis")}),
    ("The Taliban was attacked by NATO forces near Kandahar.",
     {("nato", "attacks", "taliban")}),
    ("After months of fighting each other, Hamas and Fatah signed a truce in Cairo.",
     {("hamas", "fights", "fatah"), ("hamas", "truce-with", "fatah")}),
    ("Boko Haram, which has pledged allegiance to the Islamic State, raided a town in Nigeria.",
     {("boko-haram", "pledges-allegiance-to", "isis")}),
    ("The Pentagon said Turkey shelled positions held by the YPG.",
     set()),  # "positions held by" is no attack on a named actor's phrase we read
    ("Al-Shabaab, an affiliate of al-Qaeda, controls much of southern Somalia.",
     {("al-shabaab", "affiliate-of", "al-qaeda")}),
    ("Hayat Tahrir al-Sham leader Abu Mohammad al-Julani gave an interview.",
     {("abu-mohammad-al-julani", "leader-of", "hayat-tahrir-al-sham")}),
    ("The Iranian-backed Houthis attacked Saudi Arabia again.",
     {("houthis", "backed-by", "iran"), ("houthis", "attacks", "saudi-arabia")}),
    ("The Free Syrian Army broke away from the Syrian army in 2011.",
     {("free-syrian-army", "split-from", "syria")}),
    ("Russian jets bombed rebel positions, and Russia also struck the Free Syrian Army.",
     {("russia", "attacks", "free-syrian-army")}),
    ("The United States imposed sanctions on Iran and North Korea.",
     {("united-states", "sanctions", "iran"), ("united-states", "sanctions", "north-korea")}),
    ("Jaish al-Fatah is a coalition of Ahrar al-Sham and al-Nusra Front.",
     set()),
    ("The SDF, backed by the United States, captured Raqqa from ISIS.",
     {("sdf", "backed-by", "united-states")}),
    ("Iraqi forces and the Peshmerga clashed with ISIS fighters near Mosul.",
     {("iraq", "fights", "isis"), ("peshmerga", "fights", "isis")}),
    ("Hamas did not attack Israel, the spokesman said.", set()),
    # calling for sanctions condemns; it imposes none
    ("Norway called for new sanctions against Iran after the vote.",
     {("norway", "criticizes", "iran")}),
    # "IS" would be parsed as the verb "is" (a passive "Hamas and IS worked") without its norm
    ("Despite their differences, Hamas and IS worked together to seize the town.",
     {("hamas", "allied-with", "isis")}),
    # constructions added for analysts: joint action, capture from, conditional threat,
    # object control, institutions of a state, administrations, acronyms in brackets
    ("Hamas and Palestinian Islamic Jihad carried out a joint attack on Israeli soldiers.",
     {("hamas", "cooperates-with", "palestinian-islamic-jihad"), ("hamas", "attacks", "israel")}),
    ("Kurdish fighters recaptured the town from ISIS after a week of clashes.",
     {("kurdish-fighters", "attacks", "isis")}),
    ("Iran threatened to close the strait unless the United States lifted its embargo.",
     {("iran", "threatens", "united-states")}),
    ("Iran and the Government of Iraq agreed to fight ISIS together.",
     {("iraq", "fights", "isis"), ("iran", "fights", "isis")}),
    ("The Obama administration sent weapons to the Syrian Democratic Forces.",
     {("sdf", "backed-by", "united-states")}),
    ("The Army of Free Men (AFM) broke away from al-Nusra. Later the AFM attacked ISIS.",
     {("army-of-free-men", "split-from", "al-nusra-front"),
      ("army-of-free-men", "attacks", "isis")}),
    ("Turkey joined Qatar in backing the Free Syrian Army.",
     {("turkey", "cooperates-with", "qatar"), ("free-syrian-army", "backed-by", "turkey")}),
    ("Syrian rebel commanders accused Russia of bombing hospitals.",
     {("syrian-rebel-commanders", "criticizes", "russia")}),
    # news-style constructions: air power, the coalition in lower case, "in the fight
    # against", a bare role between a person and an organisation, "which includes", the
    # owner of a purpose noun
    ("Syrian government forces, supported by Russian air power, recaptured the city from IS.",
     {("syria", "backed-by", "russia"), ("syria", "attacks", "isis")}),
    ("The international coalition carried out new air strikes against ISIS near Raqqa.",
     {("global-coalition", "attacks", "isis")}),
    ("Britain reiterated its support for the Iraqi government in the fight against ISIS.",
     {("iraq", "backed-by", "united-kingdom"), ("iraq", "fights", "isis")}),
    ("General John Smith, commander, U.S. Central Command, visited Baghdad on Monday.",
     {("john-smith", "leader-of", "centcom")}),
    ("The Southern Front, which includes Jaish al-Islam, rejected the truce.",
     {("jaysh-al-islam", "member-of", "southern-front")}),
    ("Coalition efforts to defeat ISIS have intensified since January.",
     {("global-coalition", "fights", "isis")}),
    # event-data constructions: speakers who say "they", aid cut off, mediation, seats of
    # power, shared demonyms, expulsions, threatened action in a place
    ("Iraqi officials said they would suspend all aid to Hezbollah.",
     {("iraq", "sanctions", "hezbollah")}),
    ("Qatar undertook a mediation mission between Hamas and Fatah.",
     {("qatar", "negotiates-with", "hamas"), ("qatar", "negotiates-with", "fatah")}),
    ("The Kremlin accused Ukraine of shelling civilians.",
     {("russia", "criticizes", "ukraine")}),
    ("Jordanian helicopters and tanks shelled ISIS positions near the border.",
     {("jordan", "attacks", "isis")}),
    ("Turkey expelled the Iranian ambassador.",
     {("turkey", "sanctions", "iran")}),
    ("Hezbollah threatened to launch attacks in Israel unless the siege ended.",
     {("hezbollah", "threatens", "israel")}),
]

# standing relations: offices, party affiliations, member lists, founding, transfers of arms
STANDING = [
    ("Olaf Scholz, the Chancellor of Germany, met reporters in Berlin.",
     {("olaf-scholz", "leader-of", "germany")}),
    ("Narendra Modi, the Prime Minister of India, arrived in Tokyo.",
     {("narendra-modi", "leader-of", "india")}),
    ("Prime Minister of Canada Justin Trudeau visited Paris.",
     {("justin-trudeau", "leader-of", "canada")}),
    ("President Emmanuel Macron of France spoke on Tuesday.",
     {("emmanuel-macron", "leader-of", "france")}),
    ("President Cyril Ramaphosa of South Africa addressed parliament.",
     {("cyril-ramaphosa", "leader-of", "south-africa")}),
    ("Kenya signed the accord. The country's President William Ruto praised it.",
     {("william-ruto", "leader-of", "kenya")}),
    ("Nigeria hosted the summit. The country's President Bola Tinubu opened it.",
     {("bola-tinubu", "leader-of", "nigeria")}),
    ("Jens Stoltenberg, secretary-general of NATO, warned Russia.",
     {("jens-stoltenberg", "leader-of", "nato")}),
    ("Antonio Guterres, the Secretary-General of the United Nations, spoke.",
     {("antonio-guterres", "leader-of", "united-nations")}),
    ("Rishi Sunak was elected prime minister of the United Kingdom.",
     {("rishi-sunak", "leader-of", "united-kingdom")}),
    ("Shehbaz Sharif was elected prime minister of Pakistan in 2024.",
     {("shehbaz-sharif", "leader-of", "pakistan")}),
    ("The assembly elected Mahmoud Abbas chairman of the Palestine Liberation Organization.",
     {("mahmoud-abbas", "leader-of", "plo")}),
    ("Keir Starmer is a Labour Party politician.",
     {("keir-starmer", "member-of", "labour-party")}),
    ("Jacinda Ardern is a Labour Party politician from New Zealand.",
     {("jacinda-ardern", "member-of", "labour-party")}),
    ("Boris Johnson (Conservative Party) won the seat.",
     {("boris-johnson", "member-of", "conservative-party")}),
    ("Liz Truss (Conservative Party) resigned in October.",
     {("liz-truss", "member-of", "conservative-party")}),
    ("Mitt Romney of the Republican Party criticised the bill.",
     {("mitt-romney", "member-of", "republican-party-us")}),
    ("Nancy Pelosi of the Democratic Party spoke against it.",
     {("nancy-pelosi", "member-of", "democratic-party")}),
    ("Sweden joined NATO in 2024.", {("sweden", "member-of", "nato")}),
    ("Finland joined NATO in 2023.", {("finland", "member-of", "nato")}),
    ("NATO's member states include Poland, Estonia and Latvia.",
     {("poland", "member-of", "nato"), ("estonia", "member-of", "nato"),
      ("latvia", "member-of", "nato")}),
    ("Members of the African Union include Kenya, Ghana and Nigeria.",
     {("kenya", "member-of", "african-union"), ("ghana", "member-of", "african-union"),
      ("nigeria", "member-of", "african-union")}),
    ("Mali, Burkina Faso and Niger formed the Alliance of Sahel States.",
     {("mali", "member-of", "alliance-of-sahel-states"),
      ("burkina-faso", "member-of", "alliance-of-sahel-states"),
      ("niger", "member-of", "alliance-of-sahel-states")}),
    ("Egypt and Saudi Arabia formed an alliance in 2015.",
     {("egypt", "allied-with", "saudi-arabia")}),
    ("Turkey sent Azerbaijan weapons.", {("azerbaijan", "backed-by", "turkey")}),
    ("Russia sent Syria arms last year.", {("syria", "backed-by", "russia")}),
    ("The United States delivered arms to Ukraine.",
     {("ukraine", "backed-by", "united-states")}),
    ("Qatar delivered weapons to Hamas.", {("hamas", "backed-by", "qatar")}),
    # what one sends to Y (CAMEO's SEND block) is aid to Y, also aircraft
    ("Iran sent the Houthis drones.", {("houthis", "backed-by", "iran")}),
    ("France sent warplanes to Chad.", {("chad", "backed-by", "france")}),
    # a CAMEO verb's own word as an event noun, its target after the code's prepositions
    ("Germany's rebuke of Hungary angered Budapest.", {("germany", "criticizes", "hungary")}),
    ("The European Union's censure of Poland was unprecedented.",
     {("european-union", "criticizes", "poland")}),
    ("Russia's help to Syria was decisive.", {("syria", "backed-by", "russia")}),
    ("France's help for Mali ended in 2022.", {("mali", "backed-by", "france")}),
    # a verb row (here converted from CAMEO) also reads its participle after a hyphen
    ("Qatar-financed Hamas rejected the offer.", {("hamas", "backed-by", "qatar")}),
    ("Pakistan-sheltered Taliban fighters crossed into Afghanistan.",
     {("taliban", "backed-by", "pakistan")}),
    ("The Iran-aligned Houthis seized the port.", {("iran", "allied-with", "houthis")}),
    # a reciprocal event noun names both sides after "of", and so does a bare gerund
    ("An alliance of Hezbollah and Amal won the vote.",
     {("hezbollah", "allied-with", "amal-movement")}),
    ("The coalition of Fatah and Hamas collapsed in June.", {("fatah", "allied-with", "hamas")}),
    ("The war of Ethiopia and Eritrea left thousands dead.",
     {("ethiopia", "fights", "eritrea")}),
    ("Fighting between Hezbollah and Israel resumed on Sunday.",
     {("hezbollah", "fights", "israel")}),
    ("Fighting between Azerbaijan and Armenia killed dozens.",
     {("azerbaijan", "fights", "armenia")}),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_expected_triples(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    assert expected <= found
    if not expected:
        assert not found


# encyclopaedia-style statements of office and membership
ENCYCLOPAEDIA = [
    # admission and accession to an organisation
    ("Switzerland was admitted to the United Nations in 2002.",
     {("switzerland", "member-of", "united-nations")}),
    ("Montenegro was admitted to the United Nations in 2006.",
     {("montenegro", "member-of", "united-nations")}),
    ("Bulgaria acceded to the European Union in 2007.",
     {("bulgaria", "member-of", "european-union")}),
    ("Croatia's accession to the European Union came in 2013.",
     {("croatia", "member-of", "european-union")}),
    # ruling, reigning, presiding, chairing
    ("King Hussein ruled Jordan from 1952 until 1999.",
     {("hussein", "leader-of", "jordan")}),
    ("Emperor Haile Selassie ruled over Ethiopia for four decades.",
     {("haile-selassie", "leader-of", "ethiopia")}),
    ("Queen Wilhelmina reigned over the Netherlands for fifty years.",
     {("queen-wilhelmina", "leader-of", "netherlands")}),
    ("Jacques Delors presided over the European Commission from 1985 to 1995.",
     {("jacques-delors", "leader-of", "european-commission")}),
    ("Ban Ki-moon chaired the United Nations for ten years.",
     {("ban-ki-moon", "leader-of", "united-nations")}),
    # a politician of a party the gazetteer does not know
    ("Helmut Kohl was a German politician of the Christian Democratic Union.",
     {("helmut-kohl", "member-of", "cdu")}),
    ("Javier Solana is a Spanish politician of the Socialist Workers' Party.",
     {("javier-solana", "member-of", "socialist-workers-party")}),
    # succession: the subject takes the title
    ("Kofi Annan succeeded Boutros Boutros-Ghali as Secretary-General of the United Nations.",
     {("kofi-annan", "leader-of", "united-nations")}),
    ("In 1979 Saddam Hussein succeeded Ahmed Hassan al-Bakr as President of Iraq.",
     {("saddam-hussein", "leader-of", "iraq")}),
    # head of state / government of Y
    ("Olusegun Obasanjo, who became head of state of Nigeria in 1976, later joined the "
     "People's Democratic Party.",
     {("olusegun-obasanjo", "leader-of", "nigeria"),
      ("olusegun-obasanjo", "member-of", "peoples-democratic-party")}),
    ("Mark Rutte was head of government of the Netherlands for fourteen years.",
     {("mark-rutte", "leader-of", "netherlands")}),
    # one of the member states
    ("South Sudan is one of the 55 member states of the African Union.",
     {("south-sudan", "member-of", "african-union")}),
    ("Malta is one of the 27 member states of the European Union.",
     {("malta", "member-of", "european-union")}),
    # under President X, Y ...
    ("Under President Suharto, Indonesia invaded East Timor.",
     {("suharto", "leader-of", "indonesia")}),
    ("Under President Nasser, Egypt nationalised the Suez Canal.",
     {("nasser", "leader-of", "egypt")}),
    # a name the recogniser misses holds a personal title
    ("Atal Bihari Vajpayee was the tenth Prime Minister of India.",
     {("atal-bihari-vajpayee", "leader-of", "india")}),
    # a relative clause on a noun that describes the subject
    ("Ram Nath Kovind is an Indian politician who was the 14th President of India.",
     {("ram-nath-kovind", "leader-of", "india")}),
    ("Paul Kagame is a Rwandan politician and former officer who has been the President of "
     "Rwanda since 2000.",
     {("paul-kagame", "leader-of", "rwanda")}),
    ("Mario Draghi (born 1947) is an Italian economist who served as Prime Minister of "
     "Italy from 2021 to 2022.",
     {("mario-draghi", "leader-of", "italy")}),
    # coordinated titles
    ("John Howard was the 25th prime minister of Australia and leader of the Liberal Party.",
     {("john-howard", "leader-of", "australia"), ("john-howard", "leader-of", "liberal-party")}),
    ("Jawaharlal Nehru was the first prime minister of India and a leader of the Indian "
     "National Congress.",
     {("jawaharlal-nehru", "leader-of", "inc"), ("jawaharlal-nehru", "leader-of", "india")}),
    # a member of several organisations
    ("Senegal is a member of the United Nations, the African Union and the Organisation of "
     "Islamic Cooperation.",
     {("senegal", "member-of", "african-union"),
      ("senegal", "member-of", "oic"),
      ("senegal", "member-of", "united-nations")}),
    ("Norway is a founding member of the United Nations, NATO and the Council of Europe.",
     {("norway", "member-of", "council-of-europe"),
      ("norway", "member-of", "nato"),
      ("norway", "member-of", "united-nations")}),
    # a fronted "as" phrase
    ("As leader of the Kuomintang, Chiang Kai-shek ruled China until 1949.",
     {("chiang-kai-shek", "leader-of", "china"), ("chiang-kai-shek", "leader-of", "kuomintang")}),
    ("As chairman of the Palestine Liberation Organization, Yasser Arafat signed the Oslo "
     "Accords.",
     {("yasser-arafat", "leader-of", "plo")}),
    # a party's name that carries its state's name
    ("Willy Brandt served as chairman of the Social Democratic Party of Germany from 1964 to "
     "1987.",
     {("willy-brandt", "leader-of", "spd")}),
    ("Santiago Carrillo was the general secretary of the Communist Party of Spain.",
     {("santiago-carrillo", "leader-of", "communist-party-of-spain")}),
    ("Alvaro Cunhal led the Communist Party of Portugal for decades.",
     {("alvaro-cunhal", "leader-of", "communist-party-of-portugal")}),
    # "the party" refers back to a political party
    ("The Liberal Democratic Party won the election, and Shinzo Abe, the party's "
     "president, formed a cabinet.",
     {("shinzo-abe", "leader-of", "liberal-democratic-party")}),
    ("The African National Congress elected a new leadership in 1991, and Nelson Mandela "
     "became the party's president.",
     {("nelson-mandela", "leader-of", "anc")}),
]


@pytest.mark.parametrize(("sentence", "expected"), STANDING + ENCYCLOPAEDIA)
def test_standing_relations(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    assert expected <= found
    # no second reading of the same pair: a prime minister is not also a member
    assert not {(s, o) for s, _, o in expected} & {(s, o) for s, r, o in found - expected}


def test_negation_is_kept_as_negated() -> None:
    from kgraph.extract import extract_text

    found = extract_text("Hamas did not attack Israel.")
    assert [(a.subject.id, a.relation, a.object.id, a.polarity) for a in found] == [
        ("hamas", "attacks", "israel", "negated")]


def test_pronoun_resolution_across_sentences_and_time() -> None:
    from kgraph.extract import extract_text

    text = ("Hamas and Palestinian Islamic Jihad met in Gaza in March 2019. "
            "The two groups later agreed to attack Israel.")
    found = extract_text(text, published="2019-05-01")
    got = {(a.subject.id, a.relation, a.object.id, a.modality) for a in found}
    assert ("hamas", "attacks", "israel", "intended") in got
    assert ("palestinian-islamic-jihad", "attacks", "israel", "intended") in got
    assert {a.time for a in found if a.relation == "attacks"} == {"2019-05-01"}
    assert ("hamas", "negotiates-with", "palestinian-islamic-jihad", "actual") in got


def test_headline_is_its_own_sentence() -> None:
    from kgraph.extract import extract_articles

    text = "Hamas and Fatah strike up alliance\n\nPosted May 2, 2019\nHamas said it met ISIS."
    ((_, found),) = list(extract_articles([Article(id="h", text=text, published="2019-05-02")]))
    (a,) = [a for a in found if a.relation == "allied-with"]
    assert a.evidence.sentence == "Hamas and Fatah strike up alliance"
    assert text[a.evidence.start:a.evidence.end] == a.evidence.sentence


def test_pipeline_is_cached_and_has_the_actor_ruler() -> None:
    from kgraph.extract import load_pipeline

    nlp = load_pipeline()
    assert load_pipeline() is nlp
    assert "kgraph_actors" in nlp.pipe_names
    doc = nlp("Daesh attacked Kobani.")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.ent_id_] == [("Daesh", "isis")]


def test_unknown_model_raises_model_error() -> None:
    from kgraph.extract import load_pipeline

    with pytest.raises(ModelError, match="no_such_model"):
        load_pipeline("no_such_model")


def test_explain_reports_tokens_actors_and_frames() -> None:
    from kgraph.extract import explain

    report = explain("ISIS attacked Iraq.")
    assert "tokens:" in report and "actors:" in report and "frames:" in report
    assert "verb:attack" in report


def test_no_absurd_memberships() -> None:
    from kgraph.extract import extract_text

    found = extract_text("Russia joins Iran and Hezbollah in backing Assad. "
                         "Mosul will become part of a federal Iraq. "
                         "Ankara regards the YPG as part of the PKK.")
    got = {(a.subject.id, a.relation, a.object.id) for a in found}
    assert not {t for t in got if t[1] == "member-of" and t[0] in ("russia", "turkey")}
    assert ("ypg", "member-of", "pkk") in got


def test_reported_speech_and_relative_time() -> None:
    from kgraph.extract import extract_text

    (a,) = [a for a in extract_text("Hezbollah shelled Israeli positions last month, "
                                    "Lebanese officials said.", published="2016-03-10")
            if a.relation == "attacks"]
    assert (a.subject.id, a.object.id, a.time) == ("hezbollah", "israel", "2016-02")
    assert a.evidence.reported_by == "Lebanese officials"


def test_explain_names_the_lexicon_row_and_its_source() -> None:
    from kgraph.extract import explain

    hand = explain("The rebels were said to be backed by Qatar and Turkey.", lexicon=("hand",))
    assert "lexicon.csv:" in hand and ", hand)" in hand
    cameo = explain("Hezbollah fighters clashed with ISIS fighters.", lexicon=("cameo",))
    assert "lexicon-cameo.csv:" in cameo and "CAMEO.2.0.verbs.txt:" in cameo
    assert "lexicon.csv:" not in cameo


def test_cameo_rows_read_verbs_the_hand_rows_lack() -> None:
    from kgraph.extract import extract_text

    for text, want in (("Hamas militants pummelled Fatah in Gaza.", ("hamas", "fights", "fatah")),
                       ("Turkey castigated Iran over its nuclear programme.",
                        ("turkey", "criticizes", "iran"))):
        got = {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)}
        assert want in got, (text, got)
        assert not extract_text(text, lexicon=("hand",))


def test_explain_says_why_no_frame_fired() -> None:
    from kgraph.extract import explain

    report = explain("Syria was attacked.")
    assert "no frame" in report and "no 'by' agent" in report


PARAGRAPHS = [
    "Iran has backed Hezbollah since 1982.",
    "Turkey attacked the YPG near the border in July 2019.",
    "The United States sanctioned Iran in 2018, the Treasury said.",
    "Hamas and Fatah agreed to cooperate against Israel.",
]


def _claims(found: list[Assertion]) -> list[tuple[str, str, str, int, int, str]]:
    return [(a.subject.id, a.relation, a.object.id, a.evidence.start, a.evidence.end,
             a.evidence.sentence) for a in found]


def test_a_text_over_the_parser_limit_is_parsed_in_parts_with_whole_text_offsets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kgraph.extract import extract_articles, load_pipeline

    text = "\n\n".join(PARAGRAPHS * 3)
    article = Article(id="long", text=text)
    ((_, whole),) = list(extract_articles([article]))
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", max(map(len, PARAGRAPHS)) + 2)  # spaCy raises above
    ((_, parts),) = list(extract_articles([article], nlp=nlp))
    assert len(parts) >= 9  # three copies of the paragraphs that make assertions
    assert _claims(parts) == _claims(whole)
    for a in parts:
        assert " ".join(text[a.evidence.start:a.evidence.end].split()) == a.evidence.sentence


def test_a_stretch_without_sentence_punctuation_is_parsed_in_chunks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kgraph.extract import extract_articles, load_pipeline

    stretch = " ".join(["the army of the region said that forces moved near the border"] * 400)
    text = stretch + " " + PARAGRAPHS[0] + " " + stretch + "\n\n" + PARAGRAPHS[1]
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 2_000)
    ((_, found),) = list(extract_articles([Article(id="stretch", text=text)], nlp=nlp))
    got = {(s, r, o): text[start:end] for s, r, o, start, end, _ in _claims(found)}
    assert got[("hezbollah", "backed-by", "iran")].endswith(PARAGRAPHS[0])
    assert got[("turkey", "attacks", "ypg")] == PARAGRAPHS[1]


# Precision: which actor an anaphor names, what a negation governs, whose word a claim is, and
# what is only planned. Each row: a text, claims that must be read as
# (subject, relation, object, polarity, modality), and claims that must not be.
_Claim = tuple[str, str, str, str, str]
PRECISION: list[tuple[str, set[_Claim], set[_Claim]]] = [
    # an "it" continuing a thing in its role in the sentence before is that thing
    ("Lebanon's economy collapsed. It was backed by France.", set(),
     {("lebanon", "backed-by", "france", "asserted", "actual")}),
    ("Kenya's economy grew strongly. It was backed by the IMF.", set(),
     {("kenya", "backed-by", "imf", "asserted", "actual")}),
    ("The UN adopted a resolution. Russia criticised it.", set(),
     {("russia", "criticizes", "united-nations", "asserted", "actual")}),
    ("Iran launched a satellite. The United States condemned it.", set(),
     {("united-states", "criticizes", "iran", "asserted", "actual")}),
    ("The attack was claimed by ISIS. It said it had fought the YPG.",
     {("isis", "fights", "ypg", "asserted", "actual")}, set()),
    ("Turkey's army shelled Afrin. It also attacked the YPG.",
     {("turkey", "attacks", "ypg", "asserted", "actual")}, set()),
    # a bare infinitive ("help it fight") is qualified by the words above it
    ("Mali could ask Russia to help it fight the JNIM.",
     {("mali", "fights", "jnim", "asserted", "hedged")},
     {("mali", "fights", "jnim", "asserted", "actual")}),
    ("Chad might ask France to help it attack Boko Haram.",
     {("chad", "attacks", "boko-haram", "asserted", "hedged")},
     {("chad", "attacks", "boko-haram", "asserted", "actual")}),
    ("Officials say Iran attacked Israel.", {("iran", "attacks", "israel", "asserted", "actual")},
     set()),
    # what rumours and suspicions say is hedged; what news says is not
    ("Rumours that Turkey was arming Azerbaijan circulated for weeks.",
     {("azerbaijan", "backed-by", "turkey", "asserted", "hedged")},
     {("azerbaijan", "backed-by", "turkey", "asserted", "actual")}),
    ("There were rumors that Iran funded the Taliban.",
     {("taliban", "backed-by", "iran", "asserted", "hedged")},
     {("taliban", "backed-by", "iran", "asserted", "actual")}),
    ("Suspicions that Rwanda backs the M23 have grown.",
     {("m23", "backed-by", "rwanda", "asserted", "hedged")},
     {("m23", "backed-by", "rwanda", "asserted", "actual")}),
    ("The news that Israel attacked Iran shocked markets.",
     {("israel", "attacks", "iran", "asserted", "actual")}, set()),
    # what an actor is set or poised to do is intended
    ("Finland is set to join NATO.", {("finland", "member-of", "nato", "asserted", "intended")},
     {("finland", "member-of", "nato", "asserted", "actual")}),
    ("Kazakhstan is set to join the Shanghai Cooperation Organisation.",
     {("kazakhstan", "member-of", "sco", "asserted", "intended")},
     {("kazakhstan", "member-of", "sco", "asserted", "actual")}),
    ("Sweden is poised to join NATO.", {("sweden", "member-of", "nato", "asserted", "intended")},
     {("sweden", "member-of", "nato", "asserted", "actual")}),
    # no event happens in a game
    ("Brazil hosted Argentina in a friendly match.", set(),
     {("brazil", "negotiates-with", "argentina", "asserted", "actual")}),
    ("Egypt met Tunisia in the final.", set(),
     {("egypt", "negotiates-with", "tunisia", "asserted", "actual")}),
    # history is past: a past decade, "decades ago", a closed span of years; a year is a time
    ("Iran and Iraq fought a war in the 1980s.", {("iran", "fights", "iraq", "asserted", "past")},
     {("iran", "fights", "iraq", "asserted", "actual")}),
    ("In the 1970s Libya funded the IRA.", {("ira", "backed-by", "libya", "asserted", "past")},
     {("ira", "backed-by", "libya", "asserted", "actual")}),
    ("Decades ago, Vietnam fought China along their border.",
     {("vietnam", "fights", "china", "asserted", "past")},
     {("vietnam", "fights", "china", "asserted", "actual")}),
    ("India fought China decades ago.", {("india", "fights", "china", "asserted", "past")},
     {("india", "fights", "china", "asserted", "actual")}),
    ("Ethiopia and Eritrea fought a border war from 1998 to 2000.",
     {("ethiopia", "fights", "eritrea", "asserted", "past")},
     {("ethiopia", "fights", "eritrea", "asserted", "actual")}),
    ("Cuba backed the MPLA from 1975 to 1991.", {("mpla", "backed-by", "cuba", "asserted", "past")},
     {("mpla", "backed-by", "cuba", "asserted", "actual")}),
    ("Iran armed the Houthis two years ago.",
     {("houthis", "backed-by", "iran", "asserted", "actual")}, set()),
    # the place of a dateline takes no part in the story
    ("KABUL, Afghanistan (Reuters) - Pakistan, Iran and China met in Beijing.",
     {("pakistan", "negotiates-with", "iran", "asserted", "actual")},
     {("afghanistan", "negotiates-with", "pakistan", "asserted", "actual"),
      ("afghanistan", "negotiates-with", "china", "asserted", "actual")}),
    ("ADDIS ABABA, Ethiopia (AP) — Sudan and South Sudan held talks on Monday.",
     {("sudan", "negotiates-with", "south-sudan", "asserted", "actual")},
     {("ethiopia", "negotiates-with", "sudan", "asserted", "actual"),
      ("ethiopia", "negotiates-with", "south-sudan", "asserted", "actual")}),
    # an object relative pronoun after a word that names no actor refers to that word, not to
    # the actor the parser hangs the clause on
    ("A conference convened by ASEAN in Jakarta, which Myanmar's junta condemned, closed on "
     "Sunday.", set(),
     {("myanmar", "criticizes", "asean", "asserted", "actual")}),
    ("Talks hosted by the Gulf Cooperation Council in Riyadh, which the Houthis are boycotting, "
     "are continuing.", set(),
     {("houthis", "sanctions", "gcc", "asserted", "actual")}),
    # a hyphen opening a sentence is no dateline dash: "US-backed", "ISIS-K" stay actors
    ("US-backed Kurdish fighters seized the town from ISIS.",
     {("kurdish-fighters", "backed-by", "united-states", "asserted", "actual")}, set()),
    ("ISIS-K fighters attacked the Taliban in Jalalabad.",
     {("isis-k", "attacks", "taliban", "asserted", "actual")}, set()),
    # relief given to a people backs no side; given to an armed group it does
    ("Turkey sent aid to the people of Syria after the earthquake.", set(),
     {("syria", "backed-by", "turkey", "asserted", "actual")}),
    ("China delivered food to the population of North Korea.", set(),
     {("north-korea", "backed-by", "china", "asserted", "actual")}),
    ("India provided vaccines to the people of Nepal.", set(),
     {("nepal", "backed-by", "india", "asserted", "actual")}),
    ("Iran sent aid to the Houthis.", {("houthis", "backed-by", "iran", "asserted", "actual")},
     set()),
    # what no longer holds is past; a comparative "longer" is no such thing
    ("Venezuela no longer supports the ELN.",
     {("eln", "backed-by", "venezuela", "asserted", "past")},
     {("eln", "backed-by", "venezuela", "asserted", "actual")}),
    ("Qatar no longer funds Hamas.", {("hamas", "backed-by", "qatar", "asserted", "past")},
     {("hamas", "backed-by", "qatar", "asserted", "actual")}),
    ("Turkey is no longer fighting the PKK.", {("turkey", "fights", "pkk", "asserted", "past")},
     {("turkey", "fights", "pkk", "asserted", "actual")}),
    ("Israel fought Hezbollah longer than expected.",
     {("israel", "fights", "hezbollah", "asserted", "actual")}, set()),
    # an infinitive complement of a refused noun is refused, however it is parsed
    ("Hamas rejected calls to attack Israel.",
     {("hamas", "attacks", "israel", "negated", "actual")},
     {("hamas", "attacks", "israel", "asserted", "actual")}),
    ("Mali rejected calls to negotiate with the JNIM.",
     {("mali", "negotiates-with", "jnim", "negated", "actual")},
     {("mali", "negotiates-with", "jnim", "asserted", "actual")}),
    ("The Taliban rejected offers to talk with Pakistan.", set(),
     {("taliban", "negotiates-with", "pakistan", "asserted", "actual")}),
    # a claim one side makes or denies is not stated by the article
    ("Israel claims Iran finances Hezbollah.",
     {("hezbollah", "backed-by", "iran", "asserted", "reported")},
     {("hezbollah", "backed-by", "iran", "asserted", "actual")}),
    ("Chad rejected claims that it was backing the RSF.",
     {("rsf", "backed-by", "chad", "asserted", "disputed")},
     {("rsf", "backed-by", "chad", "asserted", "actual")}),
    ("Iran dismissed reports that it was financing the Houthis.",
     {("houthis", "backed-by", "iran", "asserted", "disputed")},
     {("houthis", "backed-by", "iran", "asserted", "actual")}),
    # names coordinated as the subject of the pronoun's own sentence are "they", not "it"
    ("Poland criticised Belarus. Germany and Italy condemned the deployment, saying that Russia "
     "had provided money to it.",
     {("poland", "criticizes", "belarus", "asserted", "actual")},
     {("germany", "backed-by", "russia", "asserted", "actual"),
      ("poland", "backed-by", "russia", "asserted", "actual")}),
    ("Kenya and Uganda welcomed the accord and said Qatar had given support to it.",
     set(), {("kenya", "backed-by", "qatar", "asserted", "actual"),
             ("uganda", "backed-by", "qatar", "asserted", "actual")}),
    # an object "it" after a thing named in its own sentence ("the plan") is that thing, not an
    # actor of an earlier sentence; with no such thing it still reaches back
    ("Iraq held a summit in May. The plan was approved by the council, and Kuwait then gave "
     "money to it.",
     set(), {("iraq", "backed-by", "kuwait", "asserted", "actual")}),
    ("Sudan hosted talks in May. The ceasefire was signed in June, and Chad later gave money "
     "to it.",
     set(), {("sudan", "backed-by", "chad", "asserted", "actual")}),
    ("Hezbollah fired rockets at Israel. Iran has long armed it.",
     {("hezbollah", "backed-by", "iran", "asserted", "actual")}, set()),
    # "the two sides" are the two actors named before it in its own sentence, nearer than a
    # coordination of an earlier sentence
    ("Armenia and Turkey met in Geneva in May. Azerbaijan attacked Armenia in September, and "
     "the two sides agreed a truce in November.",
     {("azerbaijan", "truce-with", "armenia", "asserted", "intended")},
     {("armenia", "truce-with", "turkey", "asserted", "intended")}),
    ("India and Japan held talks in Tokyo. Later Pakistan shelled India, and both sides then "
     "agreed to a ceasefire.",
     {("pakistan", "truce-with", "india", "asserted", "intended")},
     {("india", "truce-with", "japan", "asserted", "intended")}),
    # the subject of the sentence before is more salient than its object
    ("Hezbollah fired rockets at Israel. It also shelled Lebanon's army.",
     {("hezbollah", "attacks", "lebanon", "asserted", "actual")},
     {("israel", "attacks", "lebanon", "asserted", "actual")}),
    ("Kenya sent troops to Somalia to fight al-Shabaab. It also attacked Ethiopia.",
     {("kenya", "attacks", "ethiopia", "asserted", "actual")},
     {("somalia", "attacks", "ethiopia", "asserted", "actual")}),
    # a group anaphor names a group, never a more salient state; "the country" a state
    ("Ethiopia attacked al-Shabaab near the border. The group later struck Kenya.",
     {("al-shabaab", "attacks", "kenya", "asserted", "actual")},
     {("ethiopia", "attacks", "kenya", "asserted", "actual")}),
    ("Iran hosted Hamas officials in Tehran. The group also met Hezbollah.",
     {("hamas", "negotiates-with", "hezbollah", "asserted", "actual")},
     {("iran", "negotiates-with", "hezbollah", "asserted", "actual")}),
    ("Al-Shabaab praised Eritrea in 2009. The country also backed the ONLF.",
     {("onlf", "backed-by", "eritrea", "asserted", "actual")},
     {("onlf", "backed-by", "al-shabaab", "asserted", "actual")}),
    # an object before a name nested inside it
    ("Abdullah Ocalan founded the PKK, a movement that later joined the HDP. "
     "The movement's ties to the YPG are close.",
     {("pkk", "allied-with", "ypg", "asserted", "actual")},
     {("hdp", "allied-with", "ypg", "asserted", "actual")}),
    ("Mohammad Deif commands the Qassam Brigades, a unit that is part of Hamas. "
     "The group's ties to Hezbollah are close.",
     {("qassam-brigades", "allied-with", "hezbollah", "asserted", "actual")},
     {("hamas", "allied-with", "hezbollah", "asserted", "actual")}),
    # a main clause before the clauses it subordinates
    ("The PKK's armed wing grew after Turkey banned the HDP, sidelining Abdullah Ocalan, "
     "who had led the group since 1978.",
     {("abdullah-ocalan", "leader-of", "pkk", "asserted", "actual")},
     {("abdullah-ocalan", "leader-of", "hdp", "asserted", "actual")}),
    ("Iraq's Kataib Hezbollah militia expanded after Iran funded the Badr Organization, "
     "sidelining Abu Mahdi al-Muhandis, who had led the group for years.",
     {("abu-mahdi-al-muhandis", "leader-of", "kataib-hezbollah", "asserted", "actual")},
     {("abu-mahdi-al-muhandis", "leader-of", "badr-organization", "asserted", "actual")}),
    # a pronoun continues a chain through "the movement", not a place named on the way
    ("Hezbollah fired rockets at Israel. The movement's leader, Hassan Nasrallah, spoke from "
     "Iran, while Naim Qassem led it in Beirut.",
     {("naim-qassem", "leader-of", "hezbollah", "asserted", "actual")},
     {("naim-qassem", "leader-of", "iran", "asserted", "actual")}),
    ("Hamas attacked Israel. The group's political chief, Ismail Haniyeh, lives in Turkey, "
     "while Yahya Sinwar commands it in Gaza.",
     {("yahya-sinwar", "leader-of", "hamas", "asserted", "actual")},
     {("yahya-sinwar", "leader-of", "turkey", "asserted", "actual")}),
    # a plural phrase of the pronoun's sentence is nearer than a pair named before
    ("Saudi Arabia and the UAE bombed Yemen. Iran, which arms the Houthis openly, denies "
     "training them.",
     {("houthis", "backed-by", "iran", "asserted", "actual")},
     {("saudi-arabia", "backed-by", "iran", "asserted", "disputed")}),
    ("Turkey and Qatar met in Doha. Russia, which backs the Kurdish rebels, denies funding them.",
     {("kurdish-rebels", "backed-by", "russia", "asserted", "actual")},
     {("turkey", "backed-by", "russia", "asserted", "disputed")}),
    # nothing of a compatible type: unresolved
    ("Russia criticized Ukraine. The group attacked Syria.", set(),
     {("russia", "attacks", "syria", "asserted", "actual"),
      ("ukraine", "attacks", "syria", "asserted", "actual")}),
    ("Iran criticized Israel. He then attacked Syria.", set(),
     {("iran", "attacks", "syria", "asserted", "actual"),
      ("israel", "attacks", "syria", "asserted", "actual")}),
    # a negation of the clause does not reach a participle that modifies its subject
    ("The Kenyan government, headed by William Ruto, did not join the talks.",
     {("william-ruto", "leader-of", "kenya", "asserted", "actual")}, set()),
    ("The Ethiopian army, led by Abiy Ahmed, was not present at the meeting.",
     {("abiy-ahmed", "leader-of", "ethiopia", "asserted", "actual")}, set()),
    # a relative clause's negation is its own
    ("The Taliban, which never fought Pakistan, allied with al-Qaeda.",
     {("taliban", "fights", "pakistan", "negated", "actual"),
      ("taliban", "allied-with", "al-qaeda", "asserted", "actual")}, set()),
    ("Hamas, which did not attack Egypt, clashed with Fatah.",
     {("hamas", "attacks", "egypt", "negated", "actual"),
      ("hamas", "fights", "fatah", "asserted", "actual")}, set()),
    # a coordinated verb is no governor of its sibling; a shared negation with "or" is
    ("Hamas rejected the proposal and renewed its alliance with Iran.",
     {("hamas", "allied-with", "iran", "asserted", "actual")}, set()),
    ("The PKK refused the offer and strengthened its ties with the YPG.",
     {("pkk", "allied-with", "ypg", "asserted", "actual")}, set()),
    ("Hezbollah did not shell Jordanian positions or attack Israel.",
     {("hezbollah", "attacks", "jordan", "negated", "actual"),
      ("hezbollah", "attacks", "israel", "negated", "actual")}, set()),
    ("Hamas did not attack Egypt or fight Fatah.",
     {("hamas", "attacks", "egypt", "negated", "actual"),
      ("hamas", "fights", "fatah", "negated", "actual")}, set()),
    # an adverbial clause with a subject of its own is not negated by the main clause
    ("Kenya did not attend the summit because it was fighting al-Shabaab.",
     {("kenya", "fights", "al-shabaab", "asserted", "actual")}, set()),
    ("Russia stayed away from the talks since it was negotiating with the Taliban.",
     {("russia", "negotiates-with", "taliban", "asserted", "actual")}, set()),
    # an accusation is an actual criticism of a reported claim
    ("Turkey accused Iran of arming the Houthis.",
     {("turkey", "criticizes", "iran", "asserted", "actual"),
      ("houthis", "backed-by", "iran", "asserted", "reported")},
     {("houthis", "backed-by", "iran", "asserted", "actual")}),
    ("Ethiopia accused Egypt of funding the ONLF.",
     {("ethiopia", "criticizes", "egypt", "asserted", "actual"),
      ("onlf", "backed-by", "egypt", "asserted", "reported")}, set()),
    ("Kenya blamed al-Shabaab for attacking Ethiopia.",
     {("al-shabaab", "attacks", "ethiopia", "asserted", "reported")}, set()),
    ("Israel alleges that Iran armed Hezbollah.",
     {("hezbollah", "backed-by", "iran", "asserted", "reported")}, set()),
    # a view is reported, held by whoever holds it
    ("Egypt regards Hamas as a branch of the Muslim Brotherhood.",
     {("hamas", "affiliate-of", "muslim-brotherhood", "asserted", "reported")}, set()),
    ("Israel describes Hezbollah as a member of the Axis of Resistance.",
     {("hezbollah", "member-of", "axis-of-resistance", "asserted", "reported")}, set()),
    # a denial disputes the claim it denies
    ("Qatar denies funding the Taliban.",
     {("taliban", "backed-by", "qatar", "asserted", "disputed")}, set()),
    ("Pakistan denied that it had armed the Taliban.",
     {("taliban", "backed-by", "pakistan", "asserted", "disputed")}, set()),
    # bids, applications and plans are intended; an adjunct of time keeps its own reading
    ("Georgia's bid to join NATO stalled.",
     {("georgia", "member-of", "nato", "asserted", "intended")}, set()),
    ("Bosnia is expected to join NATO.",
     {("bosnia-and-herzegovina", "member-of", "nato", "asserted", "intended")}, set()),
    ("Kosovo plans to join the Council of Europe.",
     {("kosovo", "member-of", "council-of-europe", "asserted", "intended")}, set()),
    ("Georgia applied to join the European Union after Russia's attack on Ukraine.",
     {("georgia", "member-of", "european-union", "asserted", "intended"),
      ("russia", "attacks", "ukraine", "asserted", "past")}, set()),
    ("Moldova applied to join the European Union after Russia's invasion of Ukraine.",
     {("moldova", "member-of", "european-union", "asserted", "intended"),
      ("russia", "attacks", "ukraine", "asserted", "past")}, set()),
    # a condition, and what follows on it, is hedged; so is a yes/no question
    ("If Ethiopia invades Eritrea again, the African Union will condemn Addis Ababa.",
     {("ethiopia", "attacks", "eritrea", "asserted", "hedged")},
     {("ethiopia", "attacks", "eritrea", "asserted", "actual")}),
    ("Should Hezbollah strike Israel, Iran would arm the group.",
     {("hezbollah", "attacks", "israel", "asserted", "hedged"),
      ("hezbollah", "backed-by", "iran", "asserted", "hedged")},
     {("hezbollah", "attacks", "israel", "asserted", "actual")}),
    ("Had Russia invaded Georgia, NATO would have responded.",
     {("russia", "attacks", "georgia", "asserted", "hedged")},
     {("russia", "attacks", "georgia", "asserted", "actual")}),
    ("Will China threaten Taiwan again?",
     {("china", "threatens", "taiwan", "asserted", "hedged")}, set()),
    ("Would Turkey attack the Kurdistan Workers' Party in Iraq?",
     {("turkey", "attacks", "pkk", "asserted", "hedged")},
     {("turkey", "attacks", "pkk", "asserted", "actual")}),
    # a question word takes the event as given
    ("Why did Iran attack Israel?", {("iran", "attacks", "israel", "asserted", "actual")}, set()),
    # what one counters of an actor is its words or sway, not the actor in arms
    ("Russia countered NATO's claims about the drills.", set(),
     {("russia", "fights", "nato", "asserted", "actual")}),
    ("Iran countered the European Union's accusations at the summit.", set(),
     {("iran", "fights", "european-union", "asserted", "actual")}),
    ("Kenya worked to counter al-Shabaab in the border region.",
     {("kenya", "fights", "al-shabaab", "asserted", "intended")}, set()),
    # efforts, campaigns, commitments and work towards a relation are intended
    ("Britain supports Iraq's efforts to defeat ISIS.",
     {("iraq", "fights", "isis", "asserted", "intended")},
     {("iraq", "fights", "isis", "asserted", "actual")}),
    ("Mali welcomed Chad's efforts to fight JNIM.",
     {("chad", "fights", "jnim", "asserted", "intended")}, set()),
    ("Turkey launched a campaign to defeat the PKK.",
     {("turkey", "fights", "pkk", "asserted", "intended")}, set()),
    ("Ethiopia began a campaign to fight the TPLF.",
     {("ethiopia", "fights", "tplf", "asserted", "intended")}, set()),
    ("Egypt is committed to fighting the Muslim Brotherhood.",
     {("egypt", "fights", "muslim-brotherhood", "asserted", "intended")}, set()),
    ("Nigeria remains committed to defeating Boko Haram.",
     {("nigeria", "fights", "boko-haram", "asserted", "intended")}, set()),
    ("Ghana is working to join the Commonwealth.",
     {("ghana", "member-of", "commonwealth", "asserted", "intended")}, set()),
    # a contest in a vote is no fight, unless a side is armed
    ("The Labour Party defeated the Conservative Party in the general election.", set(),
     {("labour-party", "fights", "conservative-party", "asserted", "actual")}),
    ("The ANC defeated the Democratic Alliance in the municipal polls.", set(),
     {("anc", "fights", "democratic-alliance", "asserted", "actual")}),
    ("The Taliban defeated the Afghan army in Kunduz.",
     {("taliban", "fights", "afghanistan", "asserted", "actual")}, set()),
    # a finite verb coordinated with an infinitive has a tense of its own
    ("Hezbollah vowed to attack Israel and attacked Israel in May.",
     {("hezbollah", "attacks", "israel", "asserted", "actual")}, set()),
    ("Al-Shabaab threatened to attack Kenya and attacked Kenya a week later.",
     {("al-shabaab", "attacks", "kenya", "asserted", "actual")}, set()),
    # one claim per sentence, an actual reading before an intended one
    ("The Taliban pledged to fight Pakistan, and fought Pakistan for years.",
     {("taliban", "fights", "pakistan", "asserted", "actual")},
     {("taliban", "fights", "pakistan", "asserted", "intended")}),
]


@pytest.mark.parametrize(("text", "expected", "wrong"), PRECISION)
def test_precision(text: str, expected: set[_Claim], wrong: set[_Claim]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id, a.polarity, a.modality)
             for a in extract_text(text)}
    assert expected <= found
    assert not wrong & found


@pytest.mark.parametrize(("text", "holder"), [
    ("Turkey accused Iran of arming the Houthis.", "Turkey"),
    ("Qatar denies funding the Taliban.", "Qatar"),
    ("Egypt regards Hamas as a branch of the Muslim Brotherhood.", "Egypt"),
    ("Ankara regards the YPG as part of the PKK.", "Turkey"),  # the actor, not the word
    # a report verb's that-clause; a claim noun's that-clause denied or refused
    ("Israel claims Iran finances Hezbollah.", "Israel"),
    ("Russia claimed that Ukraine had attacked Belarus.", "Russia"),
    ("The Houthis boasted that they had attacked Saudi Arabia.", "Houthis"),
    ("Iran dismissed reports that it was financing the Houthis.", "Iran"),
    ("Chad rejected claims that it was backing the RSF.", "Chad"),
])
def test_the_holder_of_an_accusation_view_or_denial_is_its_source(text: str,
                                                                   holder: str) -> None:
    from kgraph.extract import extract_text

    held = [a for a in extract_text(text) if a.modality in ("reported", "disputed")]
    assert held and {a.evidence.reported_by for a in held} == {holder}


# A check on text written after the rules above were done and never used to develop them:
# statements of office and membership the extractor should read. The ones it still misses are
# marked, so that a change which reads them shows up.
_MISSED = pytest.mark.xfail(strict=True, reason="not read yet")
UNSEEN = [
    ("Corazon Aquino served as the eleventh President of the Philippines from 1986 to 1992.",
     {("corazon-aquino", "leader-of", "philippines")}),
    pytest.param("Thabo Mbeki, who succeeded Nelson Mandela as President of South Africa in "
                 "1999, was later recalled by his party.",
                 {("thabo-mbeki", "leader-of", "south-africa")}, marks=_MISSED),
    pytest.param("Pierre Trudeau was a Canadian politician of the Liberal Party who served as "
                 "prime minister of Canada.",
                 {("pierre-trudeau", "member-of", "liberal-party"),
                  ("pierre-trudeau", "leader-of", "canada")}, marks=_MISSED),
    ("Slovenia became a member state of NATO in 2004.",
     {("slovenia", "member-of", "nato")}),
    ("East Timor was admitted to the United Nations in 2002.",
     {("timor-leste", "member-of", "united-nations")}),
    ("Sheikh Hasina, the leader of the Awami League, has been Prime Minister of Bangladesh for "
     "most of the period since 2009.",
     {("hasina", "leader-of", "awami-league"), ("hasina", "leader-of", "bangladesh")}),
    ("Greece joined the European Economic Community in 1981.",
     {("greece", "member-of", "eec")}),
    ("Kenya is one of the founding members of the East African Community.",
     {("kenya", "member-of", "eac")}),
    ("Julius Malema was expelled from the ANC and went on to found the Economic Freedom Fighters.",
     {("julius-malema", "leader-of", "economic-freedom-fighters")}),
    ("Under Prime Minister Jawaharlal Nehru, India stayed out of both Cold War blocs.",
     {("jawaharlal-nehru", "leader-of", "india")}),
    ("Angela Merkel, the party's chairwoman, led the Christian Democratic Union into the 2005 "
     "election.",
     {("angela-merkel", "leader-of", "cdu")}),
    ("Joseph Kabila was the fourth President of the Democratic Republic of the Congo.",
     {("joseph-kabila", "leader-of", "dr-congo")}),
    ("Rodrigo Duterte is a Filipino lawyer and politician who was the 16th president of the "
     "Philippines.",
     {("rodrigo-duterte", "leader-of", "philippines")}),
    ("Gamal Abdel Nasser ruled Egypt from 1954 until his death in 1970.",
     {("gamal-abdel-nasser", "leader-of", "egypt")}),
    pytest.param("Lula joined the Workers' Party of Brazil soon after it was founded.",
                 {("lula", "member-of", "workers-party-of-brazil")}, marks=_MISSED),
    ("Iceland is a member of NATO, the Council of Europe and the European Free Trade "
     "Association.",
     {("iceland", "member-of", "nato"), ("iceland", "member-of", "council-of-europe"),
      ("iceland", "member-of", "european-free-trade-association")}),
]


@pytest.mark.parametrize(("sentence", "expected"), UNSEEN)
def test_unseen_offices_and_memberships(sentence: str,
                                        expected: set[tuple[str, str, str]]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    assert expected <= found


# the second (or first) sentences of our own for hand rows of this lexicon: accede, admission,
# rule over, govern, reign over, preside over, chair (leader-of / member-of)
LEXICON_ROWS = [
    ("Croatia acceded to the European Union in 2013.", ("croatia", "member-of", "european-union")),
    ("Montenegro acceded to NATO in 2017.", ("montenegro", "member-of", "nato")),
    ("Albania's admission to NATO came in 2009.", ("albania", "member-of", "nato")),
    ("Greece celebrated its admission to the European Union.",
     ("greece", "member-of", "european-union")),
    ("Mobutu Sese Seko ruled over Zaire until 1997.",
     ("mobutu-sese-seko", "leader-of", "dr-congo")),
    ("Lee Kuan Yew governed Singapore for three decades.",
     ("lee-kuan-yew", "leader-of", "singapore")),
    ("Idi Amin governed Uganda by terror.", ("idi-amin", "leader-of", "uganda")),
    ("Queen Victoria reigned over Britain for sixty-three years.",
     ("queen-victoria", "leader-of", "united-kingdom")),
    ("Jacob Zuma presided over the African National Congress.", ("jacob-zuma", "leader-of", "anc")),
    ("Kofi Annan chaired the Commonwealth.", ("kofi-annan", "leader-of", "commonwealth")),
    ("Jens Stoltenberg chaired NATO for ten years.", ("jens-stoltenberg", "leader-of", "nato")),
]


@pytest.mark.parametrize(("sentence", "expected"), LEXICON_ROWS)
def test_lexicon_rows_read_sentences_of_our_own(sentence: str,
                                                expected: tuple[str, str, str]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    assert expected in found


# contest cues (a vote is no fight) and the intent cue "work": sentences of our own
@pytest.mark.parametrize("sentence", [
    "The ANC defeated the Democratic Alliance in the referendum.",
    "Fidesz defeated the Socialist Party in the referendum on membership.",
    "The Labour Party beat the Conservative Party in the polls.",
    "The ANC defeated the Democratic Alliance in the municipal polls.",
    "Likud defeated the Labour Party in the runoff.",
    "Fidesz beat Jobbik in the ballot.",
    # a game is a contest as a vote is
    "Argentina defeated Germany in the final.",
    "India crushed Australia by six wickets in Mumbai.",
    "Morocco beat Spain in the quarter-final.",
    "Nigeria beat Cameroon 2-1 on Saturday.",  # a score
    "Japan beat Germany 2-1 in Doha.",
])
def test_a_vote_is_no_fight(sentence: str) -> None:
    from kgraph.extract import extract_text

    assert [a for a in extract_text(sentence) if a.relation == "fights"] == []


@pytest.mark.parametrize("sentence", ["Kenya is working to defeat al-Shabaab.",
                                      "Nigeria worked to crush Boko Haram."])
def test_working_to_fight_is_intended(sentence: str) -> None:
    from kgraph.extract import extract_text

    found = [a for a in extract_text(sentence) if a.relation == "fights"]
    assert found and all(a.modality == "intended" for a in found)


# successor verbs: X replaced / followed W as P of Z makes X the holder, not W
@pytest.mark.parametrize(("sentence", "holder", "before", "office"), [
    ("Gordon Brown replaced Tony Blair as leader of the Labour Party.", "gordon-brown",
     "tony-blair", "labour-party"),
    ("Olaf Scholz followed Angela Merkel as leader of Germany.", "olaf-scholz", "angela-merkel",
     "germany"),
])
def test_a_successor_holds_the_office(sentence: str, holder: str, before: str,
                                      office: str) -> None:
    from kgraph.extract import extract_text

    leaders = {(a.subject.id, a.object.id) for a in extract_text(sentence)
               if a.relation == "leader-of"}
    assert (holder, office) in leaders
    assert (before, office) not in leaders


# standing ties in the constructions of news writing: sentences of our own, several per
# construction, with other words and actors
STANDING_NEWS = [
    # a possessive role noun before the name the parser makes a second subject or an adjective
    ("Russia's ally Belarus hosted the military drills.", {("belarus", "allied-with", "russia")}),
    ("Pakistan's closest ally China blocked the resolution.",
     {("china", "allied-with", "pakistan")}),
    ("Israel's ally Azerbaijan bought drones.", {("azerbaijan", "allied-with", "israel")}),
    ("Hamas's political chief Ismail Haniyeh travelled to Doha.",
     {("ismail-haniyeh", "leader-of", "hamas")}),
    ("The CDU's new chairman Friedrich Merz promised change.",
     {("friedrich-merz", "leader-of", "cdu")}),
    ("Iran's proxy Hezbollah fired rockets at northern Israel.",
     {("hezbollah", "backed-by", "iran")}),
    ("Rwanda's proxy M23 seized the town of Sake.", {("m23", "backed-by", "rwanda")}),
    ("Turkey's proxy Hamza Division shelled Manbij.", {("hamza-division", "backed-by", "turkey")}),
    # a person takes over a group
    ("Yahya Sinwar took over Hamas after Haniyeh was killed.",
     {("yahya-sinwar", "leader-of", "hamas")}),
    ("Mazloum Abdi took over the SDF in 2015.", {("mazloum-abdi", "leader-of", "sdf")}),
    # a group renamed: the new name is read as the successor of the old one
    ("Al-Nusra Front rebranded as Hayat Tahrir al-Sham.",
     {("hayat-tahrir-al-sham", "split-from", "al-nusra-front")}),
    ("The Wagner Group in Africa was rebranded as the Africa Corps.",
     {("africa-corps", "split-from", "wagner-group")}),
    # the partner of a merger forms the new group too
    ("Ansar Dine merged with al-Mourabitoun to form JNIM in 2017.",
     {("ansar-dine", "merged-into", "jnim"), ("al-mourabitoun", "merged-into", "jnim")}),
    ("The Freedom Party merged with the National Front to form the Patriotic Alliance.",
     {("freedom-party", "merged-into", "patriotic-alliance"),
      ("national-front", "merged-into", "patriotic-alliance")}),
    # "pro-" and a state's demonym before a group's name
    ("The pro-Turkish Syrian National Army attacked Kurdish positions.",
     {("syrian-national-army", "allied-with", "turkey")}),
    ("The pro-Iranian Kataib Hezbollah militia fired drones at a base.",
     {("kataib-hezbollah", "allied-with", "iran")}),
    ("The pro-Iranian Houthis fired missiles at a tanker.", {("houthis", "allied-with", "iran")}),
    # "a senior X official", "a senior X figure", "a senior X commander": a member, no leader
    ("Yahya Sinwar, a senior Hamas official, was seen in Khan Younis.",
     {("yahya-sinwar", "member-of", "hamas")}),
    ("Iyad Ag Ghaly, a senior JNIM figure, appeared in a video.",
     {("iyad-ag-ghaly", "member-of", "jnim")}),
    ("Ahmed Abdi Godane, a senior al-Shabaab commander, was killed in a US strike.",
     {("ahmed-abdi-godane", "member-of", "al-shabaab")}),
    # the holders of a plural role noun given as examples
    ("Member states of ECOWAS such as Ghana and Senegal condemned the coup.",
     {("ghana", "member-of", "ecowas"), ("senegal", "member-of", "ecowas")}),
    ("Members of the African Union such as Kenya and Nigeria backed the plan.",
     {("kenya", "member-of", "african-union"), ("nigeria", "member-of", "african-union")}),
    ("Russia's allies such as Iran and Syria abstained.",
     {("iran", "allied-with", "russia"), ("syria", "allied-with", "russia")}),
    # "an oath of allegiance to Y": the object hangs on the measure noun
    ("Abu Sayyaf swore an oath of allegiance to the Islamic State.",
     {("abu-sayyaf", "pledges-allegiance-to", "isis")}),
    ("Ansar Bait al-Maqdis swore an oath of loyalty to the Islamic State.",
     {("islamic-state-sinai-province", "pledges-allegiance-to", "isis")}),
]


def _ties(sentence: str) -> set[tuple[str, str, str]]:
    """The asserted claims of a sentence, a symmetric relation's both ways."""
    from kgraph.extract import extract_text
    from kgraph.know.relations import load_relations

    symmetric = {r.name for r in load_relations().values() if r.symmetric}
    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    return found | {(o, r, s) for s, r, o in found if r in symmetric}


@pytest.mark.parametrize(("sentence", "expected"), STANDING_NEWS)
def test_standing_ties_in_news_constructions(sentence: str,
                                             expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _ties(sentence)


@pytest.mark.parametrize("sentence", [
    "Ahmed Abdi Godane, a senior al-Shabaab commander, was killed in a US strike.",
    "Ayman al-Zawahiri, a senior al-Qaeda leader, was killed in Kabul.",
])
def test_a_senior_commander_or_leader_leads_nothing(sentence: str) -> None:
    assert not {r for _, r, _ in _ties(sentence)} & {"leader-of"}


def test_a_rival_named_with_an_owner_is_no_misread_role() -> None:
    # "rival" is an adjective: only the role nouns of standing ties are read past the parser
    assert not {r for _, r, _ in _ties("Fatah's rival Hamas won the vote in Gaza.")} & {"fights"}


# event relations in the constructions news writing uses: sentences of our own, each list
# item a construction that needed a rule (two sentences or more each)
EVENTS = [
    # a relative pronoun as the object of its clause, or of a preposition in it
    ("Al-Shabaab, which Kenyan troops attacked in May, regrouped in Jubaland.",
     {("kenya", "attacks", "al-shabaab")}),
    ("Armenia, which Azerbaijan attacked in September, appealed to Russia.",
     {("azerbaijan", "attacks", "armenia")}),
    ("The PKK, which Turkey has fought since 1984, announced a ceasefire.",
     {("turkey", "fights", "pkk")}),
    ("The FARC, with whom Colombia negotiated for four years, disarmed in 2017.",
     {("colombia", "negotiates-with", "farc")}),
    ("Hamas, against which Israel launched strikes in May, fired rockets at Tel Aviv.",
     {("israel", "attacks", "hamas")}),
    # the sites a force holds stand for the force
    ("Kachin Independence Army posts were shelled by Myanmar troops overnight.",
     {("myanmar", "attacks", "kachin-independence-army")}),
    ("Somali troops raided al-Shabaab hideouts near Kismayo.",
     {("somalia", "attacks", "al-shabaab")}),
    ("Indian troops shelled Pakistani posts along the Line of Control.",
     {("india", "attacks", "pakistan")}),
    ("Pakistan, on Saturday, attacked Taliban hideouts inside Afghanistan.",
     {("pakistan", "attacks", "taliban")}),
    # criticisms and threats in the passive
    ("The TPLF was criticised by the African Union for the offensive.",
     {("african-union", "criticizes", "tplf")}),
    ("Taiwan has been threatened repeatedly by China.", {("china", "threatens", "taiwan")}),
    ("Hungary was condemned by the European Parliament over press freedom.",
     {("european-parliament", "criticizes", "hungary")}),
    ("Venezuela, denounced by Brazil and Colombia, recalled its envoys.",
     {("brazil", "criticizes", "venezuela"), ("colombia", "criticizes", "venezuela")}),
    ("Iran was blamed by Saudi Arabia for the drone strikes.",
     {("saudi-arabia", "criticizes", "iran")}),
    # an adjunct between commas parts the verb from its object
    ("The Houthis fired, for the third time this month, missiles at Israel.",
     {("houthis", "attacks", "israel")}),
    ("Ukraine struck, early on Monday and again at dusk, Russian positions near Kursk.",
     {("ukraine", "attacks", "russia")}),
    ("Turkey bombed, for a second night, PKK bases in northern Iraq.",
     {("turkey", "attacks", "pkk")}),
    ("Israel shelled, despite the truce, Hamas positions in Rafah.",
     {("israel", "attacks", "hamas")}),
    # a fronted passive participle is about the clause's subject
    ("Attacked by the RSF, the Sudanese army withdrew from Wad Madani.",
     {("rsf", "attacks", "sudan")}),
    ("Threatened by China, Taiwan raised its defence budget.", {("china", "threatens", "taiwan")}),
    ("Criticised by Germany, Hungary blocked the aid package.",
     {("germany", "criticizes", "hungary")}),
    ("Having been shelled by Azerbaijan for days, Armenia asked Russia for help.",
     {("azerbaijan", "attacks", "armenia")}),
    ("When attacked by the Taliban, Pakistani troops returned fire.",
     {("taliban", "attacks", "pakistan")}),
    # a headline lists two subjects with a bare comma
    ("Hamas, Israel agree truce", {("hamas", "truce-with", "israel")}),
    ("Colombia, ELN agree ceasefire", {("colombia", "truce-with", "eln")}),
    ("Armenia, Azerbaijan hold talks in Abu Dhabi", {("armenia", "negotiates-with", "azerbaijan")}),
    ("Israel, Hezbollah agree ceasefire", {("israel", "truce-with", "hezbollah")}),
    # condemning a group's attack condemns the group
    ("Kenya condemns al-Shabaab attack", {("kenya", "criticizes", "al-shabaab")}),
    ("Egypt denounced the Houthi attacks on shipping.", {("egypt", "criticizes", "houthis")}),
    ("The African Union criticised the RSF assault on El Fasher.",
     {("african-union", "criticizes", "rsf")}),
    # a name hyphened to a demonym shares the event
    ("A joint US-Iraqi raid on ISIS killed a senior commander.",
     {("united-states", "attacks", "isis"), ("iraq", "attacks", "isis")}),
    ("A joint US-Kenyan raid on al-Shabaab killed two leaders.",
     {("united-states", "attacks", "al-shabaab"), ("kenya", "attacks", "al-shabaab"),
      ("kenya", "cooperates-with", "united-states")}),
    # sanctions on what a state owns sanction the state
    ("The United States imposed sanctions on Venezuela's oil industry.",
     {("united-states", "sanctions", "venezuela")}),
    ("Britain imposed sanctions on Russia's central bank.",
     {("united-kingdom", "sanctions", "russia")}),
    ("Canada announced sanctions against Myanmar's military leaders.",
     {("canada", "sanctions", "myanmar")}),
    ("Washington slapped new sanctions on Iran's oil exports.",
     {("united-states", "sanctions", "iran")}),
    ("China slapped sanctions on Lithuania after the Taiwan office opened.",
     {("china", "sanctions", "lithuania")}),
]


@pytest.mark.parametrize(("sentence", "expected"), EVENTS)
def test_event_constructions(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    from kgraph.extract import extract_text

    found = {(a.subject.id, a.relation, a.object.id) for a in extract_text(sentence)
             if a.polarity == "asserted"}
    assert expected <= found


def test_a_participle_with_no_agent_criticises_nobody() -> None:
    from kgraph.extract import extract_text

    assert [a for a in extract_text("The accused militants were freed by Kenya.")
            if a.relation == "criticizes"] == []


def test_the_place_of_an_attack_is_not_criticised() -> None:
    from kgraph.extract import extract_text

    assert [a for a in extract_text("France condemned the Paris attack.")
            if a.relation == "criticizes"] == []
