from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fair_counts_out import FairCountsOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    fair_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/fairs/{fair_id}/counts".format(
            fair_id=quote(str(fair_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FairCountsOut | Problem | None:
    if response.status_code == 200:
        response_200 = FairCountsOut.from_dict(response.json())

        return response_200

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
) -> Response[FairCountsOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    fair_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[FairCountsOut | Problem]:
    """Fair Counts

     Registrations and interests by posting, enterprise and origin region (no one named).

    Args:
        fair_id (str): the fair's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FairCountsOut | Problem]
    """

    kwargs = _get_kwargs(
        fair_id=fair_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fair_id: str,
    *,
    client: AuthenticatedClient,
) -> FairCountsOut | Problem | None:
    """Fair Counts

     Registrations and interests by posting, enterprise and origin region (no one named).

    Args:
        fair_id (str): the fair's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FairCountsOut | Problem
    """

    return sync_detailed(
        fair_id=fair_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    fair_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[FairCountsOut | Problem]:
    """Fair Counts

     Registrations and interests by posting, enterprise and origin region (no one named).

    Args:
        fair_id (str): the fair's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FairCountsOut | Problem]
    """

    kwargs = _get_kwargs(
        fair_id=fair_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fair_id: str,
    *,
    client: AuthenticatedClient,
) -> FairCountsOut | Problem | None:
    """Fair Counts

     Registrations and interests by posting, enterprise and origin region (no one named).

    Args:
        fair_id (str): the fair's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FairCountsOut | Problem
    """

    return (
        await asyncio_detailed(
            fair_id=fair_id,
            client=client,
        )
    ).parsed
