from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sheet_upload_out import SheetUploadOut
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    body: File | File | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/weekly-reports/upload",
    }

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
) -> Problem | SheetUploadOut | None:
    if response.status_code == 207:
        response_207 = SheetUploadOut.from_dict(response.json())

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
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SheetUploadOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File | File | Unset = UNSET,
) -> Response[Problem | SheetUploadOut]:
    """Upload Weekly Reports

     Upload weekly reports as a spreadsheet (CSV or .xlsx, the template's headings).

    Each good row is published as POST /v1/weekly-reports publishes a report; each bad row, or
    one outside the caller's scope, is listed with its problems (207). An enterprise uploads its
    own rows; a district's officials the rows of enterprises registered in their district; the
    city's officials any. A file that is not a sheet of reports is refused whole (422). Should
    the broker fail part-way (503), upload the same file again: each row's idempotency key comes
    from the caller, the file's SHA-256 and the row number, so rows already published get the
    same event ids and are counted once.

    Args:
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetUploadOut]
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
    body: File | File | Unset = UNSET,
) -> Problem | SheetUploadOut | None:
    """Upload Weekly Reports

     Upload weekly reports as a spreadsheet (CSV or .xlsx, the template's headings).

    Each good row is published as POST /v1/weekly-reports publishes a report; each bad row, or
    one outside the caller's scope, is listed with its problems (207). An enterprise uploads its
    own rows; a district's officials the rows of enterprises registered in their district; the
    city's officials any. A file that is not a sheet of reports is refused whole (422). Should
    the broker fail part-way (503), upload the same file again: each row's idempotency key comes
    from the caller, the file's SHA-256 and the row number, so rows already published get the
    same event ids and are counted once.

    Args:
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetUploadOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File | File | Unset = UNSET,
) -> Response[Problem | SheetUploadOut]:
    """Upload Weekly Reports

     Upload weekly reports as a spreadsheet (CSV or .xlsx, the template's headings).

    Each good row is published as POST /v1/weekly-reports publishes a report; each bad row, or
    one outside the caller's scope, is listed with its problems (207). An enterprise uploads its
    own rows; a district's officials the rows of enterprises registered in their district; the
    city's officials any. A file that is not a sheet of reports is refused whole (422). Should
    the broker fail part-way (503), upload the same file again: each row's idempotency key comes
    from the caller, the file's SHA-256 and the row number, so rows already published get the
    same event ids and are counted once.

    Args:
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetUploadOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File | File | Unset = UNSET,
) -> Problem | SheetUploadOut | None:
    """Upload Weekly Reports

     Upload weekly reports as a spreadsheet (CSV or .xlsx, the template's headings).

    Each good row is published as POST /v1/weekly-reports publishes a report; each bad row, or
    one outside the caller's scope, is listed with its problems (207). An enterprise uploads its
    own rows; a district's officials the rows of enterprises registered in their district; the
    city's officials any. A file that is not a sheet of reports is refused whole (422). Should
    the broker fail part-way (503), upload the same file again: each row's idempotency key comes
    from the caller, the file's SHA-256 and the row number, so rows already published get the
    same event ids and are counted once.

    Args:
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetUploadOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
