from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.weekly_report_template_extension import WeeklyReportTemplateExtension
from ...types import File, Response


def _get_kwargs(
    extension: WeeklyReportTemplateExtension,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/weekly-reports/template.{extension}".format(
            extension=quote(str(extension), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    extension: WeeklyReportTemplateExtension,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Weekly Report Template

     The weekly-report spreadsheet to fill in: Chinese headings and an example row (.xlsx with a
    sheet 说明 on each column, or CSV in UTF-8 with the BOM Excel needs).

    Args:
        extension (WeeklyReportTemplateExtension):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        extension=extension,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    extension: WeeklyReportTemplateExtension,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Weekly Report Template

     The weekly-report spreadsheet to fill in: Chinese headings and an example row (.xlsx with a
    sheet 说明 on each column, or CSV in UTF-8 with the BOM Excel needs).

    Args:
        extension (WeeklyReportTemplateExtension):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        extension=extension,
        client=client,
    ).parsed


async def asyncio_detailed(
    extension: WeeklyReportTemplateExtension,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Weekly Report Template

     The weekly-report spreadsheet to fill in: Chinese headings and an example row (.xlsx with a
    sheet 说明 on each column, or CSV in UTF-8 with the BOM Excel needs).

    Args:
        extension (WeeklyReportTemplateExtension):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        extension=extension,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    extension: WeeklyReportTemplateExtension,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Weekly Report Template

     The weekly-report spreadsheet to fill in: Chinese headings and an example row (.xlsx with a
    sheet 说明 on each column, or CSV in UTF-8 with the BOM Excel needs).

    Args:
        extension (WeeklyReportTemplateExtension):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            extension=extension,
            client=client,
        )
    ).parsed
