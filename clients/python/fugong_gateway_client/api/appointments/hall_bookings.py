import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_problem import AppointmentProblem
from ...models.bookings_out import BookingsOut
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    code: str,
    *,
    date: datetime.date,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/service-halls/{code}/bookings".format(
            code=quote(str(code), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppointmentProblem | BookingsOut | Problem | None:
    if response.status_code == 200:
        response_200 = BookingsOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = AppointmentProblem.from_dict(response.json())

        return response_409

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
) -> Response[AppointmentProblem | BookingsOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> Response[AppointmentProblem | BookingsOut | Problem]:
    """Hall Bookings

     A hall's bookings on a day, people masked (its district's officials).

    Args:
        code (str): the hall's district code, '-' and a number
        date (datetime.date): Shanghai calendar day

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentProblem | BookingsOut | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
        date=date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> AppointmentProblem | BookingsOut | Problem | None:
    """Hall Bookings

     A hall's bookings on a day, people masked (its district's officials).

    Args:
        code (str): the hall's district code, '-' and a number
        date (datetime.date): Shanghai calendar day

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentProblem | BookingsOut | Problem
    """

    return sync_detailed(
        code=code,
        client=client,
        date=date,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> Response[AppointmentProblem | BookingsOut | Problem]:
    """Hall Bookings

     A hall's bookings on a day, people masked (its district's officials).

    Args:
        code (str): the hall's district code, '-' and a number
        date (datetime.date): Shanghai calendar day

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentProblem | BookingsOut | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
        date=date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> AppointmentProblem | BookingsOut | Problem | None:
    """Hall Bookings

     A hall's bookings on a day, people masked (its district's officials).

    Args:
        code (str): the hall's district code, '-' and a number
        date (datetime.date): Shanghai calendar day

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentProblem | BookingsOut | Problem
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            date=date,
        )
    ).parsed
