"""Open data: labelled ecosystems, their status and public history (public reasons only)."""

# Query(...) in defaults is how django-ninja declares query parameters.

from ninja import Query, Router, Status

from frenchtech.api.pagination import id_parameter, limit_parameter, offset_parameter, page
from frenchtech.api.schemas import EcosystemOut, EcosystemPage, Error
from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.public import labelled_consortia, labels_with_history

router = Router(tags=["labels"])


def _ecosystem(entry) -> dict:
    return {
        "consortium_id": entry.consortium.pk,
        "consortium": entry.consortium.name,
        "epci": entry.epci.code,
        "epci_name": entry.epci.name,
        "status": entry.current.status,
        "labels": [
            {
                "id": label.pk,
                "status": label.status,
                "status_label": str(label.get_status_display()),
                "granted_at": label.granted_at,
                "confirmed_at": label.confirmed_at,
                "ends_at": label.ends_at,
                "ended_at": label.ended_at,
                # The events are prefetched in order; only their public reason is shown.
                "history": [
                    {
                        "date": event.occurred_at,
                        "event": event.kind,
                        "public_reason": event.public_reason,
                    }
                    for event in label.events.all()
                ],
            }
            for label in entry.labels
        ],
    }


@router.get(
    "/ecosystems",
    response=EcosystemPage,
    summary="Labelled ecosystems",
    description="One entry per consortium ever labelled, its labels newest first; `status` "
    "is that of its newest label.",
)
def ecosystem_list(
    request,
    status: LabelStatus | None = Query(None, description="Current status."),
    epci: str | None = Query(None, max_length=9, description="EPCI SIREN."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    queryset = labels_with_history()
    if epci is not None:
        queryset = queryset.filter(epci_id=epci)
    entries = labelled_consortia(queryset)
    if status is not None:
        entries = [entry for entry in entries if entry.current.status == status]
    result = page(entries, limit, offset)
    result["results"] = [_ecosystem(entry) for entry in result["results"]]
    return result


@router.get(
    "/ecosystems/{consortium_id}",
    response={200: EcosystemOut, 404: Error},
    summary="One labelled ecosystem",
)
def ecosystem_detail(request, consortium_id: int = id_parameter("The consortium's id.")):
    entries = labelled_consortia(labels_with_history().filter(consortium_id=consortium_id))
    if not entries:
        return Status(
            404, {"error": "not_found", "detail": f"no label for consortium {consortium_id}"}
        )
    return _ecosystem(entries[0])
