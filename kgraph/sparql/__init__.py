"""Named queries (one .rq file each), their parameters and bindings, actor lookup, and the
guard that refuses remote requests."""
