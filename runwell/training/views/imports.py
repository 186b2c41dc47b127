"""Uploading files to import, and the job page that follows the import as it runs.

The job page polls itself with htmx while the import runs (the fragment it fetches
stops asking once the job is done); without JavaScript, reloading shows the same.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFilesSent
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runwell.lib.http import AuthenticatedHttpRequest
from runwell.training import actions, uploads
from runwell.training.access import access_job, jobs_of
from runwell.training.forms import UploadForm
from runwell.training.tasks import schedule_import

RESULTS_PER_PAGE = 100
RUNNING_RESULTS = 10
# A multipart body carries boundaries and headers beside the files themselves.
MULTIPART_ALLOWANCE = 64 * 1024


@login_required
@require_http_methods(["GET", "POST"])
@csrf_exempt  # checked below, once the size is known to be acceptable
def import_files(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Refused before the body is read (the CSRF check would read it all): there is no
        # point in receiving gigabytes to say no.
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.TRAINING_UPLOAD_MAX_BYTES + MULTIPART_ALLOWANCE:
            refusal = actions.TrainingRefused(actions.too_large_message(length), "files", 413)
            return _refused(request, refusal)
        try:
            request.FILES  # noqa: B018 — parsed here so that too many files can be explained
        except TooManyFilesSent:
            return _refused(request, actions.TrainingRefused(
                f"That is more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files at once: "
                "put them in a ZIP and send that.", "files",
            ))  # fmt: skip
    return _import_files(request)


@csrf_protect
def _import_files(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        keep = request.POST.get("keep_originals") in {"on", "true", "yes", "1"}
        try:
            job = actions.check_create_import(request.user, request.FILES.getlist("files"), keep)
        except actions.TrainingRefused as refusal:
            return _refused(request, refusal)
        schedule_import(job)
        return redirect("training:job", job.pk)
    return _import_page(request, UploadForm())


def _refused(request: AuthenticatedHttpRequest, refusal: actions.TrainingRefused) -> HttpResponse:
    # Bound (to the choice of keeping originals) so that the message can sit beside the field.
    form = UploadForm(request.POST if refusal.status != 413 else {})
    form.add_error("files", refusal.message)
    return _import_page(request, form, status=refusal.status)


def _import_page(
    request: AuthenticatedHttpRequest, form: UploadForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "jobs": list(jobs_of(request.user).order_by("-created", "-id")[:10]),
        "limit_mb": settings.TRAINING_UPLOAD_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "training/import.html", context, status=status)


@login_required
@require_GET
def job(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    found = access_job(request.user, job_id)
    results = found.results.select_related("activity").order_by("position")
    if found.is_done:
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
    else:
        page = None
        shown = list(reversed(results.order_by("-position")[:RUNNING_RESULTS]))
    context = {
        "job": found,
        "page": page,
        "results": shown,
        "originals": [p.name for p in uploads.originals(found)] if found.keep_originals else [],
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "training/_job_progress.html", context)
    return render(request, "training/job.html", context)


@login_required
@require_GET
def job_original(request: AuthenticatedHttpRequest, job_id: int, index: int) -> FileResponse:
    found = access_job(request.user, job_id)
    files = uploads.originals(found) if found.keep_originals else []
    if not 0 <= index < len(files):
        raise Http404("No such file in this import.")
    return FileResponse(files[index].open("rb"), as_attachment=True, filename=files[index].name)


@login_required
@require_POST
def job_delete_originals(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    found = access_job(request.user, job_id)
    actions.do_delete_originals(found)
    messages.success(request, "The original files of this import are deleted.")
    return redirect("training:job", found.pk)
