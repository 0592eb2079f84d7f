from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.seeker_accepted import SeekerAccepted
from ...models.seeker_in import SeekerIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SeekerIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/job-seekers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SeekerAccepted | None:
    if response.status_code == 202:
        response_202 = SeekerAccepted.from_dict(response.json())

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
) -> Response[Problem | SeekerAccepted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SeekerIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SeekerAccepted]:
    """Register Job Seeker

     Register a job seeker of your district (employment assistants).

    Args:
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (SeekerIn): A job seeker's profile, every field as it should read now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekerAccepted]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SeekerIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SeekerAccepted | None:
    """Register Job Seeker

     Register a job seeker of your district (employment assistants).

    Args:
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (SeekerIn): A job seeker's profile, every field as it should read now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekerAccepted
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SeekerIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SeekerAccepted]:
    """Register Job Seeker

     Register a job seeker of your district (employment assistants).

    Args:
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (SeekerIn): A job seeker's profile, every field as it should read now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekerAccepted]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SeekerIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SeekerAccepted | None:
    """Register Job Seeker

     Register a job seeker of your district (employment assistants).

    Args:
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (SeekerIn): A job seeker's profile, every field as it should read now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekerAccepted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
