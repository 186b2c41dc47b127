"""The access logger writes gunicorn's line, field for field, building only what it uses."""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from runwell.site.access_log import AccessLogger
from runwell.site.management.commands.serve import ACCESS_LOG_FORMAT


class Request:
    headers = [
        ("HOST", "runwell.example"),
        ("CONTENT-TYPE", "application/json"),
        ("X-TRACE", "first"),
        ("X-TRACE", "second"),
    ]


class Response:
    status = "201 Created"
    sent = 31
    headers = [("Content-Type", "application/json"), ("X-Frame-Options", "DENY")]


class CountingEnviron(dict[str, Any]):
    scans = 0

    def items(self) -> Any:
        type(self).scans += 1
        return super().items()


def environ() -> CountingEnviron:
    return CountingEnviron(
        {
            "REQUEST_METHOD": "POST",
            "RAW_URI": '/api/v1/articles/a"b/comments?x=1',
            "PATH_INFO": '/api/v1/articles/a"b/comments',
            "QUERY_STRING": "x=1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "runwell.client_ip": "198.51.100.23",
            "HTTP_USER_AGENT": 'Runner "Lee" 1.0',
            "HTTP_AUTHORIZATION": "Basic bGVlOnNlY3JldA==",  # lee:secret
            "Mixed.Case": "found",
        }
    )


def line(logger_class: type[Logger], log_format: str, **changes: Any) -> str:
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", log_format)
    logger = logger_class(config)
    out = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(out)]
    logger.now = lambda: "[01/Dec/2026:08:00:00 +0000]"
    response = Response()
    for name, value in changes.items():
        setattr(response, name, value)
    logger.access(response, Request(), environ(), timedelta(seconds=1, microseconds=2345))
    return out.getvalue()


EVERY_FIELD = " ".join(f"%({name})s" for name in "hlutrsmUqHbBfaTDMLp") + (
    " %({host}i)s %({x-trace}i)s %({content-type}o)s %({nope}i)s %(zz)s %({mixed.case}e)s"
)


@pytest.mark.parametrize("log_format", [ACCESS_LOG_FORMAT, EVERY_FIELD])
def test_the_line_is_the_one_gunicorn_writes(log_format):
    ours = line(AccessLogger, log_format)
    assert ours == line(Logger, log_format)
    assert len(re.findall(r'(?<!\\)"', ours)) % 2 == 0  # a quote inside a field is escaped


def test_the_line_of_runwell_serve_names_the_visitor_and_escapes_quotes():
    assert line(AccessLogger, ACCESS_LOG_FORMAT) == (
        "198.51.100.23 - lee [01/Dec/2026:08:00:00 +0000] "
        '"POST /api/v1/articles/a\\"b/comments?x=1 HTTP/1.1" 201 31 "-" '
        '"Runner \\"Lee\\" 1.0"\n'
    )


@pytest.mark.parametrize("sent", [None, 0])
def test_a_response_with_no_body_sent_is_logged_as_gunicorn_logs_it(sent):
    assert line(AccessLogger, "%(b)s %(B)s", sent=sent) == line(Logger, "%(b)s %(B)s", sent=sent)


def test_a_line_reads_no_more_of_the_environ_than_its_format_names():
    CountingEnviron.scans = 0
    line(AccessLogger, ACCESS_LOG_FORMAT)
    assert CountingEnviron.scans == 0
    line(Logger, ACCESS_LOG_FORMAT)
    assert CountingEnviron.scans == 1  # gunicorn's own copies all of it
