"""The public campaign pages in the shared public page cache (directory.cache).

Anonymous visitors get the list, a campaign's page, an official's record, the scoreboard (page
and JSON) and "find my legislator" from the cache, stale after any change to a campaigns row
(campaigns.apps connects every campaigns model but the outbox) or to the directory. Bulk writes
that send no signals call `public_cache_bump(SCOPE)`.
"""

from directory.cache import cache_public_page

SCOPE = "campaigns"
PAGE_CACHE = cache_public_page(scopes=(SCOPE,))
