from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_request import BatchRequest
from ...models.batch_result import BatchResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: BatchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/submissions/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BatchResult | Problem | None:
    if response.status_code == 207:
        response_207 = BatchResult.from_dict(response.json())

        return response_207

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 411:
        response_411 = Problem.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = cast(Any, None)
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | BatchResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
) -> Response[Any | BatchResult | Problem]:
    """Submit Batch

     Submit up to 1,000 registrations and reports in one request (207, one result per entry).

    An entry is answered 202 only once the broker has acknowledged its event; give each entry an
    `idempotency_key` so that entries answered 503 can be sent again safely.

    Args:
        body (BatchRequest): Up to 1,000 submissions of any kinds, each answered on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
) -> Any | BatchResult | Problem | None:
    """Submit Batch

     Submit up to 1,000 registrations and reports in one request (207, one result per entry).

    An entry is answered 202 only once the broker has acknowledged its event; give each entry an
    `idempotency_key` so that entries answered 503 can be sent again safely.

    Args:
        body (BatchRequest): Up to 1,000 submissions of any kinds, each answered on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BatchResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
) -> Response[Any | BatchResult | Problem]:
    """Submit Batch

     Submit up to 1,000 registrations and reports in one request (207, one result per entry).

    An entry is answered 202 only once the broker has acknowledged its event; give each entry an
    `idempotency_key` so that entries answered 503 can be sent again safely.

    Args:
        body (BatchRequest): Up to 1,000 submissions of any kinds, each answered on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
) -> Any | BatchResult | Problem | None:
    """Submit Batch

     Submit up to 1,000 registrations and reports in one request (207, one result per entry).

    An entry is answered 202 only once the broker has acknowledged its event; give each entry an
    `idempotency_key` so that entries answered 503 can be sent again safely.

    Args:
        body (BatchRequest): Up to 1,000 submissions of any kinds, each answered on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BatchResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
