"""`make bench`: seeded large data, latency and throughput of key pages against a trivial view."""
