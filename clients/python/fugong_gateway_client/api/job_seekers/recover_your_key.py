from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recovery_in import RecoveryIn
from ...models.recovery_waiting import RecoveryWaiting
from ...types import Response


def _get_kwargs(
    *,
    body: RecoveryIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/job-seekers/key-recovery",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RecoveryWaiting | None:
    if response.status_code == 202:
        response_202 = RecoveryWaiting.from_dict(response.json())

        return response_202

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
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | RecoveryWaiting]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryIn,
) -> Response[Problem | RecoveryWaiting]:
    """Recover Your Key

     Lost your key? Give the mobile you registered with (no key needed; a few times an hour).

    If you proved that mobile, a 6-digit code is sent to it: send it to `…/verify` within 10
    minutes for a new key. If no code comes, the number is not the one you registered with.

    Args:
        body (RecoveryIn): The mobile you proved when you registered yourself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecoveryWaiting]
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
    client: AuthenticatedClient | Client,
    body: RecoveryIn,
) -> Problem | RecoveryWaiting | None:
    """Recover Your Key

     Lost your key? Give the mobile you registered with (no key needed; a few times an hour).

    If you proved that mobile, a 6-digit code is sent to it: send it to `…/verify` within 10
    minutes for a new key. If no code comes, the number is not the one you registered with.

    Args:
        body (RecoveryIn): The mobile you proved when you registered yourself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecoveryWaiting
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryIn,
) -> Response[Problem | RecoveryWaiting]:
    """Recover Your Key

     Lost your key? Give the mobile you registered with (no key needed; a few times an hour).

    If you proved that mobile, a 6-digit code is sent to it: send it to `…/verify` within 10
    minutes for a new key. If no code comes, the number is not the one you registered with.

    Args:
        body (RecoveryIn): The mobile you proved when you registered yourself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecoveryWaiting]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryIn,
) -> Problem | RecoveryWaiting | None:
    """Recover Your Key

     Lost your key? Give the mobile you registered with (no key needed; a few times an hour).

    If you proved that mobile, a 6-digit code is sent to it: send it to `…/verify` within 10
    minutes for a new key. If no code comes, the number is not the one you registered with.

    Args:
        body (RecoveryIn): The mobile you proved when you registered yourself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecoveryWaiting
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
