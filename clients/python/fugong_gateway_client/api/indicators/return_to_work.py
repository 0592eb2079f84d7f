from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.return_to_work_out import ReturnToWorkOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    week: str,
    district: None | str | Unset = UNSET,
    section: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["week"] = week

    json_district: None | str | Unset
    if isinstance(district, Unset):
        json_district = UNSET
    else:
        json_district = district
    params["district"] = json_district

    json_section: None | str | Unset
    if isinstance(section, Unset):
        json_section = UNSET
    else:
        json_section = section
    params["section"] = json_section

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/indicators/return-to-work",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReturnToWorkOut | None:
    if response.status_code == 200:
        response_200 = ReturnToWorkOut.from_dict(response.json())

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
) -> Response[Problem | ReturnToWorkOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    week: str,
    district: None | str | Unset = UNSET,
    section: None | str | Unset = UNSET,
) -> Response[Problem | ReturnToWorkOut]:
    """Return To Work

     Return rate (返岗率) and resumption rate (复工率) per district and industry section.

    Args:
        week (str): ISO week, e.g. 2020-W07
        district (None | str | Unset): GB/T 2260 district code; a district official's own
        section (None | str | Unset): GB/T 4754 industry section letter, A-T

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReturnToWorkOut]
    """

    kwargs = _get_kwargs(
        week=week,
        district=district,
        section=section,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    week: str,
    district: None | str | Unset = UNSET,
    section: None | str | Unset = UNSET,
) -> Problem | ReturnToWorkOut | None:
    """Return To Work

     Return rate (返岗率) and resumption rate (复工率) per district and industry section.

    Args:
        week (str): ISO week, e.g. 2020-W07
        district (None | str | Unset): GB/T 2260 district code; a district official's own
        section (None | str | Unset): GB/T 4754 industry section letter, A-T

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReturnToWorkOut
    """

    return sync_detailed(
        client=client,
        week=week,
        district=district,
        section=section,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    week: str,
    district: None | str | Unset = UNSET,
    section: None | str | Unset = UNSET,
) -> Response[Problem | ReturnToWorkOut]:
    """Return To Work

     Return rate (返岗率) and resumption rate (复工率) per district and industry section.

    Args:
        week (str): ISO week, e.g. 2020-W07
        district (None | str | Unset): GB/T 2260 district code; a district official's own
        section (None | str | Unset): GB/T 4754 industry section letter, A-T

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReturnToWorkOut]
    """

    kwargs = _get_kwargs(
        week=week,
        district=district,
        section=section,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    week: str,
    district: None | str | Unset = UNSET,
    section: None | str | Unset = UNSET,
) -> Problem | ReturnToWorkOut | None:
    """Return To Work

     Return rate (返岗率) and resumption rate (复工率) per district and industry section.

    Args:
        week (str): ISO week, e.g. 2020-W07
        district (None | str | Unset): GB/T 2260 district code; a district official's own
        section (None | str | Unset): GB/T 4754 industry section letter, A-T

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReturnToWorkOut
    """

    return (
        await asyncio_detailed(
            client=client,
            week=week,
            district=district,
            section=section,
        )
    ).parsed
