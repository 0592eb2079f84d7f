from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.roster_upload_out import RosterUploadOut
from ...models.upload_mode import UploadMode
from ...models.upload_roster_json_body import UploadRosterJsonBody
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: UploadRosterJsonBody | File | File | Unset = UNSET,
    mode: UploadMode | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/rosters",
        "params": params,
    }

    if isinstance(body, UploadRosterJsonBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RosterUploadOut | None:
    if response.status_code == 202:
        response_202 = RosterUploadOut.from_dict(response.json())

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
) -> Response[Problem | RosterUploadOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadRosterJsonBody | File | File | Unset = UNSET,
    mode: UploadMode | Unset = UNSET,
) -> Response[Problem | RosterUploadOut]:
    """Upload Roster

     Upload the enterprise's roster. Numbers are normalised to E.164 (mainland China unless a
    country code is given); the same number twice is one member (rows merged are listed); a bad
    row is listed by number, field and reason and the good rows are kept. A landline gets voice
    notices, never SMS. Only the enterprise itself uploads, and sees, its roster.

    Args:
        mode (UploadMode | Unset):
        body (UploadRosterJsonBody):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RosterUploadOut]
    """

    kwargs = _get_kwargs(
        body=body,
        mode=mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: UploadRosterJsonBody | File | File | Unset = UNSET,
    mode: UploadMode | Unset = UNSET,
) -> Problem | RosterUploadOut | None:
    """Upload Roster

     Upload the enterprise's roster. Numbers are normalised to E.164 (mainland China unless a
    country code is given); the same number twice is one member (rows merged are listed); a bad
    row is listed by number, field and reason and the good rows are kept. A landline gets voice
    notices, never SMS. Only the enterprise itself uploads, and sees, its roster.

    Args:
        mode (UploadMode | Unset):
        body (UploadRosterJsonBody):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RosterUploadOut
    """

    return sync_detailed(
        client=client,
        body=body,
        mode=mode,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadRosterJsonBody | File | File | Unset = UNSET,
    mode: UploadMode | Unset = UNSET,
) -> Response[Problem | RosterUploadOut]:
    """Upload Roster

     Upload the enterprise's roster. Numbers are normalised to E.164 (mainland China unless a
    country code is given); the same number twice is one member (rows merged are listed); a bad
    row is listed by number, field and reason and the good rows are kept. A landline gets voice
    notices, never SMS. Only the enterprise itself uploads, and sees, its roster.

    Args:
        mode (UploadMode | Unset):
        body (UploadRosterJsonBody):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RosterUploadOut]
    """

    kwargs = _get_kwargs(
        body=body,
        mode=mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadRosterJsonBody | File | File | Unset = UNSET,
    mode: UploadMode | Unset = UNSET,
) -> Problem | RosterUploadOut | None:
    """Upload Roster

     Upload the enterprise's roster. Numbers are normalised to E.164 (mainland China unless a
    country code is given); the same number twice is one member (rows merged are listed); a bad
    row is listed by number, field and reason and the good rows are kept. A landline gets voice
    notices, never SMS. Only the enterprise itself uploads, and sees, its roster.

    Args:
        mode (UploadMode | Unset):
        body (UploadRosterJsonBody):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RosterUploadOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            mode=mode,
        )
    ).parsed
