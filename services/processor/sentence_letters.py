"""Dead letters of articles whose sentences the engine could not all code.

Why: an engine fault on one sentence must neither drop the article's other events nor pass
unseen. When some sentences failed, the events of the others are published and the article
also goes to the dead-letter topic with reason ``extraction_partial``; when every sentence
failed, the article is dead-lettered as a whole (``extraction_error``). Either letter names the
failed sentences in headers, and each failure is logged and counted.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

from schemas import DeadLetterReason
from services.extraction.sentence_faults import ArticleEvents
from services.processor.json_logs import record_position
from services.processor.metrics import SENTENCES_FAILED
from services.processor.records import InputRecord, InvalidMessage

logger = logging.getLogger(__name__)

# Headers of these letters (names on the wire).
FAILED_SENTENCE_COUNT_HEADER = "dlq_failed_sentence_count"
FAILED_SENTENCES_HEADER = "dlq_failed_sentences"
# Failed sentences listed in the header at most: headers count towards the record limit.
MAX_LISTED_SENTENCES = 20


def sentence_failure_letter(record: InputRecord, coded: ArticleEvents) -> InvalidMessage:
    """The dead letter of an article with failed sentences; logs and counts the failures."""
    failures = coded.failed_sentences
    whole = coded.every_sentence_failed
    reason = DeadLetterReason.EXTRACTION_ERROR if whole else DeadLetterReason.EXTRACTION_PARTIAL
    listed = [asdict(failure) for failure in failures[:MAX_LISTED_SENTENCES]]
    summary = (
        f"{len(failures)} of {coded.coded_sentences} sentences could not be coded; "
        f"first: {failures[0].describe()}"
    )
    SENTENCES_FAILED.inc(len(failures))
    logger.warning(
        "%s on %s[%d]@%d (%s)",
        summary,
        record.topic,
        record.partition,
        record.offset,
        "article dead-lettered" if whole else f"{len(coded.events)} events published",
        extra={**record_position(record), "reason": reason.value, "failed_sentences": listed},
    )
    details = (
        (FAILED_SENTENCE_COUNT_HEADER, str(len(failures)).encode()),
        (FAILED_SENTENCES_HEADER, json.dumps(listed).encode()),
    )
    return InvalidMessage(record, reason, summary, details)
