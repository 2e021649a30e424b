-- wrk script of make bench's HTTP rows: every request POSTs the GraphQL body
-- given in $BENCH_BODY (a JSON {"query": ...} object) as application/json.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
