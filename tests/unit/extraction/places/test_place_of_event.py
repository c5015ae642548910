"""Only a place a preposition attaches to the trigger's clause is where the event is."""

from __future__ import annotations

from spacy.language import Language

from services.extraction.places import PlaceGazetteer, find_places, place_of_event
from services.extraction.places.finder import load_place_words

WORDS = load_place_words()


def event_place(nlp: Language, gazetteer: PlaceGazetteer, text: str, trigger: str) -> str | None:
    doc = nlp(text)
    index = next(token.i for token in doc if token.text == trigger)
    chosen = place_of_event(doc, index, find_places(doc, gazetteer, WORDS), WORDS)
    return None if chosen is None else doc.text[chosen.start : chosen.end]


def test_participle_attachment(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "The ministers reviewed the talks held in Istanbul in April."
    assert event_place(nlp, gazetteer, text, "talks") == "Istanbul"


def test_verb_whose_object_is_the_trigger(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "The rivals will hold talks in Riyadh next month."
    assert event_place(nlp, gazetteer, text, "talks") == "Riyadh"


def test_passive_subject_trigger(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    assert event_place(nlp, gazetteer, "The summit was held in Geneva.", "summit") == "Geneva"


def test_phone_call_has_no_place(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "The two presidents will speak by phone on Monday."
    assert event_place(nlp, gazetteer, text, "speak") is None


def test_place_of_the_reporting_verb_is_not_the_reported_events(
    nlp: Language, gazetteer: PlaceGazetteer
) -> None:
    text = "The spokesman said at a briefing in Moscow that the talks held in Istanbul were useful."
    assert event_place(nlp, gazetteer, text, "said") == "Moscow"
    assert event_place(nlp, gazetteer, text, "talks") == "Istanbul"


def test_actor_subject_is_not_a_place(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Washington announced new sanctions on Tuesday."
    assert event_place(nlp, gazetteer, text, "announced") is None


def test_of_phrase_inside_the_preposition(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Envoys will meet in the Turkish city of Istanbul."
    assert event_place(nlp, gazetteer, text, "meet") == "Istanbul"


def test_light_verb_infinitive(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Talks are scheduled to take place in Geneva."
    assert event_place(nlp, gazetteer, text, "Talks") == "Geneva"


def test_purpose_phrase(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Officials arrived in Riyadh for talks."
    assert event_place(nlp, gazetteer, text, "talks") == "Riyadh"


def test_coordinated_prepositions_take_the_nearest(
    nlp: Language, gazetteer: PlaceGazetteer
) -> None:
    assert event_place(nlp, gazetteer, "The envoys met in Doha and in Cairo.", "met") == "Doha"


def test_travel_words_take_their_destination(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "The minister will travel to Beijing next week."
    assert event_place(nlp, gazetteer, text, "travel") == "Beijing"
    assert event_place(nlp, gazetteer, "The envoy plans to visit Russia soon.", "visit") == "Russia"


def test_recipient_after_to_is_not_a_place(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "The court extradited the suspect to Britain."
    assert event_place(nlp, gazetteer, text, "extradited") is None


def test_place_of_the_verbs_object(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "Farmers blocked roads in Brussels with tractors."
    assert event_place(nlp, gazetteer, text, "blocked") == "Brussels"


def test_place_of_the_verbs_subject(nlp: Language, gazetteer: PlaceGazetteer) -> None:
    text = "A car bomb near Kandahar killed three guards."
    assert event_place(nlp, gazetteer, text, "killed") == "Kandahar"
