"""The live page's web server: history from the event store, live events by server-sent events.

DuckDB lets one process write a store file, so the page runs the sink itself, in a thread: what
the sink stores is pushed to every open page as it is committed, which is also how the page
follows the topics. Queries run in a thread pool, each on a cursor of its own.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from aiohttp import web

from schemas import EventStatus, PloverRoot
from services.store.database import EventStore
from services.store.export import ColumnSet, ExportFormat, export
from services.store.rows import Row
from services.store.sink import Batch, Sink
from services.ui import queries

STATIC_FILES = {"index.html": "text/html", "app.js": "text/javascript", "style.css": "text/css"}
KEEP_ALIVE_S = 15.0
LISTENER_BACKLOG = 100
ResultT = TypeVar("ResultT")


def _static(name: str) -> bytes:
    return resources.files("services.ui").joinpath("static", name).read_bytes()


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise web.HTTPBadRequest(text=f"not a YYYY-MM-DD date: {value}") from None


class LivePage:
    """The page's routes over ``store``, fed live by ``sink`` (which it runs) when given."""

    def __init__(
        self, store: EventStore, sink: Sink | None, log: Callable[[str], None] = print
    ) -> None:
        self.store = store
        self.sink = sink
        self._log = log
        self._listeners: set[asyncio.Queue[bytes | None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._sink_thread: threading.Thread | None = None
        self.app = web.Application()
        self.app.add_routes(
            [
                web.get("/", self._index),
                web.get("/static/{name}", self._static_file),
                web.get("/api/events", self._events),
                web.get("/api/barometer", self._barometer),
                web.get("/api/summary", self._summary),
                web.get("/api/stream", self._stream),
                web.get("/export", self._export),
            ]
        )
        self.app.on_startup.append(self._start_sink)
        self.app.on_shutdown.append(self._close_streams)
        self.app.on_cleanup.append(self._stop_sink)

    def on_stored(self, new_events: list[Row], batch: Batch) -> None:
        """The sink's callback (in its thread): push what was stored to the open pages."""
        if self._loop is None:
            return
        messages = []
        if new_events:
            rows = [queries.feed_row(row) for row in new_events]
            messages.append(_message("events", rows))
        if batch.stories or batch.gone_stories or batch.dead_letters or new_events:
            messages.append(_message("changed", {}))
        for message in messages:
            self._loop.call_soon_threadsafe(self._broadcast, message)

    def _broadcast(self, message: bytes) -> None:
        for queue in list(self._listeners):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                # A page that stopped reading loses its stream (the browser reconnects and
                # reloads history): what it has not read is dropped, then the end of stream.
                self._listeners.discard(queue)
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(None)

    async def _start_sink(self, _app: web.Application) -> None:
        self._loop = asyncio.get_running_loop()
        if self.sink is None:
            return
        self._sink_thread = threading.Thread(
            target=self._run_sink, args=(self.sink,), name="sink", daemon=True
        )
        self._sink_thread.start()

    def _run_sink(self, sink: Sink) -> None:
        try:
            sink.run(self._stop)
        except Exception as error:  # the page keeps serving history when Kafka goes away
            self._log(f"ui: the sink stopped: {error}")

    async def _close_streams(self, _app: web.Application) -> None:
        for queue in list(self._listeners):
            queue.put_nowait(None)

    async def _stop_sink(self, _app: web.Application) -> None:
        self._stop.set()
        if self._sink_thread is not None:
            await asyncio.to_thread(self._sink_thread.join)
        if self.sink is not None:
            self.sink.close()

    async def _query(self, run: Callable[..., ResultT], *arguments: Any) -> ResultT:
        def on_own_cursor() -> ResultT:
            cursor = self.store.cursor()
            try:
                return run(cursor, *arguments)
            finally:
                cursor.close()

        return await asyncio.to_thread(on_own_cursor)

    async def _index(self, _request: web.Request) -> web.Response:
        return web.Response(body=_static("index.html"), content_type="text/html")

    async def _static_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        return web.Response(body=_static(name), content_type=STATIC_FILES[name])

    async def _events(self, request: web.Request) -> web.Response:
        query = request.query
        quad = query.get("quad")
        feed_filter = queries.FeedFilter(
            actor=query.get("actor") or None,
            event_type=query.get("type") or None,
            quad_class=int(quad) if quad and quad.isdigit() else None,
            status=query.get("status") or None,
            first_day=_day(query.get("from")),
            last_day=_day(query.get("to")),
        )
        return web.json_response(await self._query(queries.feed, feed_filter))

    async def _barometer(self, request: web.Request) -> web.Response:
        first, second = request.query.get("a", ""), request.query.get("b", "")
        return web.json_response(await self._query(queries.barometer, first, second))

    async def _summary(self, _request: web.Request) -> web.Response:
        now = datetime.now(UTC).replace(tzinfo=None)
        summary = await self._query(_summary_of, now)
        return web.json_response(summary)

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        queue: asyncio.Queue[bytes | None] = asyncio.Queue(LISTENER_BACKLOG)
        self._listeners.add(queue)
        try:
            await response.write(b": connected\n\n")
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEP_ALIVE_S)
                except TimeoutError:
                    message = b": keep-alive\n\n"
                if message is None:
                    break
                await response.write(message)
        except ConnectionResetError:
            pass
        finally:
            self._listeners.discard(queue)
        return response

    async def _export(self, request: web.Request) -> web.Response:
        try:
            export_format = ExportFormat(request.query.get("format", "csv"))
            column_set = ColumnSet(request.query.get("columns", "full"))
        except ValueError as error:
            raise web.HTTPBadRequest(text=str(error)) from None
        first, last = _day(request.query.get("from")), _day(request.query.get("to"))
        body = await asyncio.to_thread(self._export_bytes, export_format, column_set, first, last)
        name = f"dipstream-{column_set.value}.{export_format.value}"
        return web.Response(
            body=body,
            content_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def _export_bytes(
        self,
        export_format: ExportFormat,
        column_set: ColumnSet,
        first: date | None,
        last: date | None,
    ) -> bytes:
        with tempfile.TemporaryDirectory(prefix="dipstream-export-") as folder:
            target = Path(folder) / f"export.{export_format.value}"
            export(self.store, target, export_format, column_set, first, last)
            return target.read_bytes()


def _summary_of(cursor: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, Any]:
    return {
        "top_dyads": queries.top_dyads(cursor, now),
        "top_stories": queries.top_stories(cursor, now),
        "dead_letters": queries.dead_letters(cursor),
        "places": queries.located(cursor),
        "countries": queries.countries(cursor),
        "vocabulary": {
            "types": [root.value for root in PloverRoot],
            "statuses": [status.value for status in EventStatus],
        },
    }


def _message(kind: str, data: object) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()
