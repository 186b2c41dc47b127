"""The account page's runner settings (time zone, API tokens, further downloads).

A tag rather than context from the profile view, so the forms can be re-shown with
their errors by the views that receive them and the profile view stays as it is.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from runwell.accounts.forms import TimeZoneForm, TokenForm
from runwell.accounts.models import ApiToken
from runwell.accounts.timezones import zone_name_for
from runwell.lib import personal_data

register = template.Library()


@register.inclusion_tag("accounts/_runner_settings.html", takes_context=True)
def runner_settings(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    zone_form = context.get("time_zone_form") or TimeZoneForm(
        initial={"time_zone": _chosen_zone(user)}, site_zone=settings.TIME_ZONE
    )
    return {
        "time_zone_form": zone_form,
        "time_zone": zone_name_for(user),
        "token_form": context.get("token_form") or TokenForm(),
        "tokens": list(ApiToken.objects.filter(user=user)),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("accounts/_downloads.html")
def personal_data_downloads() -> dict[str, Any]:
    return {"downloads": personal_data.downloads()}


def _chosen_zone(user: Any) -> str:
    name = zone_name_for(user)
    return "" if name == settings.TIME_ZONE else name
