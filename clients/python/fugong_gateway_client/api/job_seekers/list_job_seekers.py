from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.seekers_out import SeekersOut
from ...types import UNSET, Response


def _get_kwargs(
    *,
    district: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["district"] = district

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/job-seekers",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SeekersOut | None:
    if response.status_code == 200:
        response_200 = SeekersOut.from_dict(response.json())

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
) -> Response[Problem | SeekersOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    district: str,
) -> Response[Problem | SeekersOut]:
    """List Job Seekers

     The active job seekers of your district (employment assistants).

    Args:
        district (str): GB/T 2260 code of one of the 16 Shanghai districts

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekersOut]
    """

    kwargs = _get_kwargs(
        district=district,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    district: str,
) -> Problem | SeekersOut | None:
    """List Job Seekers

     The active job seekers of your district (employment assistants).

    Args:
        district (str): GB/T 2260 code of one of the 16 Shanghai districts

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekersOut
    """

    return sync_detailed(
        client=client,
        district=district,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    district: str,
) -> Response[Problem | SeekersOut]:
    """List Job Seekers

     The active job seekers of your district (employment assistants).

    Args:
        district (str): GB/T 2260 code of one of the 16 Shanghai districts

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekersOut]
    """

    kwargs = _get_kwargs(
        district=district,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    district: str,
) -> Problem | SeekersOut | None:
    """List Job Seekers

     The active job seekers of your district (employment assistants).

    Args:
        district (str): GB/T 2260 code of one of the 16 Shanghai districts

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekersOut
    """

    return (
        await asyncio_detailed(
            client=client,
            district=district,
        )
    ).parsed
