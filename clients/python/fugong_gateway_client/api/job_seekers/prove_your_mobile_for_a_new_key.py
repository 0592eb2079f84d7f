from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.key_recovered import KeyRecovered
from ...models.problem import Problem
from ...models.recovery_code_in import RecoveryCodeIn
from ...types import Response


def _get_kwargs(
    *,
    body: RecoveryCodeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/job-seekers/key-recovery/verify",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> KeyRecovered | Problem | None:
    if response.status_code == 201:
        response_201 = KeyRecovered.from_dict(response.json())

        return response_201

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
) -> Response[KeyRecovered | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryCodeIn,
) -> Response[KeyRecovered | Problem]:
    """Prove Your Mobile For A New Key

     Prove your mobile with the code it received: the answer carries your new key, once, and
    every earlier key of yours stops working. A few wrong codes end the recovery.

    Args:
        body (RecoveryCodeIn): The code your mobile received, for the recovery it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyRecovered | Problem]
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
    body: RecoveryCodeIn,
) -> KeyRecovered | Problem | None:
    """Prove Your Mobile For A New Key

     Prove your mobile with the code it received: the answer carries your new key, once, and
    every earlier key of yours stops working. A few wrong codes end the recovery.

    Args:
        body (RecoveryCodeIn): The code your mobile received, for the recovery it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyRecovered | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryCodeIn,
) -> Response[KeyRecovered | Problem]:
    """Prove Your Mobile For A New Key

     Prove your mobile with the code it received: the answer carries your new key, once, and
    every earlier key of yours stops working. A few wrong codes end the recovery.

    Args:
        body (RecoveryCodeIn): The code your mobile received, for the recovery it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyRecovered | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RecoveryCodeIn,
) -> KeyRecovered | Problem | None:
    """Prove Your Mobile For A New Key

     Prove your mobile with the code it received: the answer carries your new key, once, and
    every earlier key of yours stops working. A few wrong codes end the recovery.

    Args:
        body (RecoveryCodeIn): The code your mobile received, for the recovery it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyRecovered | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
