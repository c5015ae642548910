from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from schemas import PloverRoot
from services.processor.stories import (
    event_day,
    fold_event_into_story,
    fold_events_into_stories,
    is_expired,
    story_id,
)
from tests.unit.processor.events import make_event

MONDAY = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def test_fingerprint_uses_dyad_type_and_event_day() -> None:
    event = make_event(published_at=MONDAY, event_start=MONDAY - timedelta(days=2))
    assert story_id(event, MONDAY) == "FRA|DEU|CONSULT|2026-04-04"


def test_event_day_falls_back_to_publication_then_seen_time() -> None:
    assert event_day(make_event(published_at=MONDAY), MONDAY + timedelta(days=5)) == date(
        2026, 4, 6
    )
    assert event_day(make_event(published_at=None), MONDAY) == date(2026, 4, 6)


def test_different_event_types_are_different_stories() -> None:
    consult = make_event(published_at=MONDAY)
    threaten = make_event(published_at=MONDAY, event_type=PloverRoot.THREATEN)
    assert story_id(consult, MONDAY) != story_id(threaten, MONDAY)


def test_three_articles_from_two_sources_fold_into_one_story() -> None:
    articles = [("a1", "Wire One"), ("a2", "Wire Two"), ("a3", "Wire One")]
    state = None
    for hour, (article_id, publisher) in enumerate(articles):
        event = make_event(article_id=article_id, publisher=publisher, published_at=MONDAY)
        state = fold_event_into_story(state, event, MONDAY + timedelta(hours=hour))
    assert state is not None
    story = state.aggregate
    assert (story.num_mentions, story.num_articles, story.num_sources) == (3, 3, 2)
    assert story.first_seen == MONDAY
    assert story.last_seen == MONDAY + timedelta(hours=2)
    assert len(story.event_ids) == 3


def test_mentions_add_up_and_missing_publishers_are_not_sources() -> None:
    first = fold_event_into_story(
        None, make_event(article_id="a1", publisher=None, mentions=2), MONDAY
    )
    second = fold_event_into_story(
        first, make_event(article_id="a2", publisher=None, mentions=3), MONDAY
    )
    assert second.aggregate.num_mentions == 5
    assert second.aggregate.num_sources == 0


def test_folding_the_same_event_twice_changes_nothing() -> None:
    event = make_event(published_at=MONDAY)
    state = fold_event_into_story(None, event, MONDAY)
    assert fold_event_into_story(state, event, MONDAY + timedelta(hours=1)) is state


def test_stories_expire_after_the_idle_period() -> None:
    state = fold_event_into_story(None, make_event(published_at=MONDAY), MONDAY)
    assert not is_expired(state, MONDAY + timedelta(days=14), 14)
    assert is_expired(state, MONDAY + timedelta(days=14, seconds=1), 14)


def test_a_batch_writes_each_changed_story_once_with_every_event_counted() -> None:
    first = make_event(article_id="a1", publisher="Wire One", published_at=MONDAY)
    second = make_event(article_id="a2", publisher="Wire Two", published_at=MONDAY)
    other = make_event(article_id="a3", published_at=MONDAY, event_type=PloverRoot.THREATEN)
    changed = fold_events_into_stories(
        lambda _key: None, [(first, MONDAY), (other, MONDAY), (second, MONDAY)], 14
    )
    assert set(changed) == {story_id(first, MONDAY), story_id(other, MONDAY)}
    index, state = changed[story_id(first, MONDAY)]
    assert index == 2
    assert (state.aggregate.num_articles, state.aggregate.num_sources) == (2, 2)


def test_a_batch_builds_on_the_stored_story_and_skips_what_it_already_counts() -> None:
    event = make_event(article_id="a1", published_at=MONDAY)
    stored = fold_event_into_story(None, event, MONDAY)
    assert fold_events_into_stories(lambda _key: stored, [(event, MONDAY)], 14) == {}
    later = make_event(article_id="a2", published_at=MONDAY)
    _, state = fold_events_into_stories(lambda _key: stored, [(later, MONDAY)], 14)[
        story_id(later, MONDAY)
    ]
    assert state.aggregate.num_articles == 2


def test_an_idle_stored_story_starts_afresh() -> None:
    stored = fold_event_into_story(None, make_event(article_id="a1", published_at=MONDAY), MONDAY)
    weeks_later = MONDAY + timedelta(days=15)
    event = make_event(article_id="a2", published_at=MONDAY)
    _, state = fold_events_into_stories(lambda _key: stored, [(event, weeks_later)], 14)[
        story_id(event, weeks_later)
    ]
    assert (state.aggregate.num_articles, state.aggregate.first_seen) == (1, weeks_later)
