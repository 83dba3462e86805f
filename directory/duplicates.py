# SCAFFOLD: replaced by the duplicate detection implementation.
def duplicates_find_for_leader(*, leader):
    return []


def duplicates_find_for_organization(*, organization):
    return []


def duplicates_scan_all():
    return 0
