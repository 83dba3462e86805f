"""The columns of each file, in export order, with what each means (shown on the import page),
and the other header spellings people use for them (normalised: lowercase, underscores)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TOPICS_HELP = _(
    "Topics by name or slug, separated by semicolons: Housing; voting-elections. "
    "They must already exist (see Topics)."
)
STATE_HELP = _("Two-letter state code (MA) or the state's name.")
ZIP_HELP = _("Five-digit ZIP code; ZIP+4 is accepted. Used to place the marker on the map.")
ZIP_ALIASES = {"zip": "zip_code", "zipcode": "zip_code", "postal_code": "zip_code"}

# --- Leaders ------------------------------------------------------------------------------------

LEADER_COLUMNS = {
    "email": _(
        "Required. Private: never shown on the site. Identifies the leader, so importing "
        "the same file again updates them instead of adding a duplicate. Each imported "
        "leader gets a sign-in account with this address, which they claim by resetting "
        "their password. Exports include it (and the phone) because only staff with the "
        "export permission can run them: keep exported files private."
    ),
    "name": _("Full name. Required for new leaders."),
    "phone": _("Private: never shown on the site."),
    "city": _("City or town."),
    "state": STATE_HELP,
    "zip_code": ZIP_HELP,
    "area_type": _("urban, suburban or rural."),
    "area_lean": _("blue, red or purple."),
    "roles": _(
        "Roles by name or slug, separated by semicolons: Faith leader; Student. "
        "They must already exist (see Leader roles)."
    ),
    "topics": TOPICS_HELP,
    "organizations": _(
        "Organizations by name or slug, separated by semicolons, each optionally followed "
        "by the leader's role in parentheses: Riverside Tenants Union (Chair); Faith "
        "Alliance. The organizations must already exist; use the slug when two share a "
        "name. The list replaces the leader's affiliations."
    ),
    "bio": _("Short bio, up to 2,000 characters."),
    "visibility": _(
        "public, members or organizers. New leaders default to organizers (the most "
        "private); blank keeps the current choice. A leader who chose their own visibility "
        "is never made more visible by an import. Public needs consent (next column): "
        "without it the leader is imported as members, with a warning."
    ),
    "consent": _(
        "Whether the leader agreed to be listed: the date they agreed (2024-05-31) or yes "
        "(recorded as today). Blank or no records nothing. The date and the cell's words are "
        "kept with the profile."
    ),
    "slug": _("Export only: the address of the public profile. Ignored on import."),
    "source": _("Export only: self-registered, imported or added by staff. Ignored."),
}
LEADER_ALIASES = {
    "e_mail": "email",
    "email_address": "email",
    "full_name": "name",
    "phone_number": "phone",
    **ZIP_ALIASES,
    "role": "roles",
    "topic": "topics",
    "organisations": "organizations",
    "affiliations": "organizations",
}

# --- Organizations ------------------------------------------------------------------------------

ORGANIZATION_COLUMNS = {
    "slug": _(
        "The organization's address on the site (lowercase, hyphens). When given it "
        "identifies the organization; otherwise name and state do. New organizations get "
        "one from their name when blank."
    ),
    "name": _("Required."),
    "kind": _(
        "Required for new organizations: anchor, national, state_org, chapter, "
        "local_group, faith, union, nonprofit or coalition (or their labels)."
    ),
    "scope": _("Required for new organizations: national, state or local."),
    "parent": _(
        "For chapters: the parent organization's name or slug. It may be another row of "
        "the same file."
    ),
    "city": _("City or town."),
    "state": STATE_HELP,
    "zip_code": ZIP_HELP,
    "website": _("Web address; https:// is added when missing."),
    "description": _("Shown on the public page."),
    "topics": TOPICS_HELP,
    "public_email": _("Public contact address, shown on the site."),
    "public_phone": _("Public contact phone, shown on the site."),
    "verified": _("yes or no: staff have confirmed the organization."),
}
ORGANIZATION_ALIASES = {
    "type": "kind",
    "parent_organization": "parent",
    "url": "website",
    "web_site": "website",
    **ZIP_ALIASES,
    "email": "public_email",
    "contact_email": "public_email",
    "phone": "public_phone",
    "contact_phone": "public_phone",
    "topic": "topics",
}

# --- Resources ----------------------------------------------------------------------------------

RESOURCE_COLUMNS = {
    "url": _(
        "The resource's web address. When given it identifies the resource; otherwise the "
        "title does. Blank keeps the current link."
    ),
    "title": _("Required."),
    "slug": _("Export only: the address of the resource's page. Ignored on import."),
    "kind": _(
        "Required for new resources: toolkit, expert, service, training, campaign, tool or funding."
    ),
    "scope": _("Required for new resources: national, state or local."),
    "state": STATE_HELP,
    "city": _("City or town, for local resources."),
    "provider": _("The organization offering it, by name or slug; it must already exist."),
    "topics": TOPICS_HELP,
    "description": _("Shown on the public page."),
}
RESOURCE_ALIASES = {
    "link": "url",
    "website": "url",
    "name": "title",
    "type": "kind",
    "provider_organization": "provider",
    "organization": "provider",
    "topic": "topics",
}
