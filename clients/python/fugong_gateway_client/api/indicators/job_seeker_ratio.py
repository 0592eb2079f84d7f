from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_seeker_ratio_out import JobSeekerRatioOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    district: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_district: None | str | Unset
    if isinstance(district, Unset):
        json_district = UNSET
    else:
        json_district = district
    params["district"] = json_district

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/indicators/job-seeker-ratio",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobSeekerRatioOut | Problem | None:
    if response.status_code == 200:
        response_200 = JobSeekerRatioOut.from_dict(response.json())

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
) -> Response[JobSeekerRatioOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    district: None | str | Unset = UNSET,
) -> Response[JobSeekerRatioOut | Problem]:
    """Job Seeker Ratio

     求人倍率 (open vacancies per active job seeker) now, for a district or the city.

    Args:
        district (None | str | Unset): GB/T 2260 district code; a district official's own

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobSeekerRatioOut | Problem]
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
    district: None | str | Unset = UNSET,
) -> JobSeekerRatioOut | Problem | None:
    """Job Seeker Ratio

     求人倍率 (open vacancies per active job seeker) now, for a district or the city.

    Args:
        district (None | str | Unset): GB/T 2260 district code; a district official's own

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobSeekerRatioOut | Problem
    """

    return sync_detailed(
        client=client,
        district=district,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    district: None | str | Unset = UNSET,
) -> Response[JobSeekerRatioOut | Problem]:
    """Job Seeker Ratio

     求人倍率 (open vacancies per active job seeker) now, for a district or the city.

    Args:
        district (None | str | Unset): GB/T 2260 district code; a district official's own

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobSeekerRatioOut | Problem]
    """

    kwargs = _get_kwargs(
        district=district,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    district: None | str | Unset = UNSET,
) -> JobSeekerRatioOut | Problem | None:
    """Job Seeker Ratio

     求人倍率 (open vacancies per active job seeker) now, for a district or the city.

    Args:
        district (None | str | Unset): GB/T 2260 district code; a district official's own

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobSeekerRatioOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            district=district,
        )
    ).parsed
