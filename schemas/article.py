"""The input message on ``articles.raw``."""

from __future__ import annotations

from datetime import datetime

from pydantic import AliasChoices, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

MAX_TEXT_BYTES = 200_000


class Article(BaseModel):
    """A news article to code. Unknown fields are ignored; ``body`` is accepted for ``text``."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    id: str = Field(min_length=1, max_length=256, description="Producer's stable article id.")
    text: str = Field(
        validation_alias=AliasChoices("text", "body"),
        description=f"Article body, plain text, at most {MAX_TEXT_BYTES} UTF-8 bytes.",
    )
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=4_096)
    source: str | None = Field(None, max_length=256, description="Publisher name.")
    published_at: AwareDatetime | None = Field(
        None, description="RFC 3339; when absent the Kafka record timestamp is used."
    )
    language: str = Field("en", min_length=2, max_length=16, description="BCP 47 tag.")

    @field_validator("text")
    @classmethod
    def _text_within_limits(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text is empty")
        size = len(text.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            raise ValueError(f"text is {size} bytes, over the {MAX_TEXT_BYTES}-byte limit")
        return text

    @field_validator("language")
    @classmethod
    def _normalise_language(cls, language: str) -> str:
        return language.strip().lower()

    def with_published_at(self, published_at: datetime) -> Article:
        """A copy whose publication time is set, used when the producer left it out."""
        return self.model_copy(update={"published_at": published_at})
