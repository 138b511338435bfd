"""A stand-in FoodData Central on 127.0.0.1 (pytest-httpserver): routes answer from a list of
recorded-shape responses, counting the calls."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

KEY = "test-key-5f3a9c1e7b2d"


PREFIX = "/fdc/v1/"


class Counter:
    """A request handler that answers from a list of responses, counting calls."""

    def __init__(self, *responses: Response):
        self.responses = list(responses)
        self.calls = 0
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.calls += 1
        self.requests.append(request)
        return self.responses[min(self.calls, len(self.responses)) - 1]


def json_response(body, status=200, headers=None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers or {}, content_type="application/json")


def serve(httpserver: HTTPServer, path: str, handler) -> None:
    httpserver.expect_request(PREFIX + path).respond_with_handler(handler)
