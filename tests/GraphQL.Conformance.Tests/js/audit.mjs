// Runs the graphql-http server audit suite (graphql-over-http draft) against a live endpoint.
// Usage: GRAPHQL_URL=http://127.0.0.1:5000/graphql node audit.mjs  -> JSON [{id, name, status, reason}]
import { serverAudits } from 'graphql-http';

const url = process.env.GRAPHQL_URL;
if (!url) {
  console.error('Set GRAPHQL_URL to the endpoint to audit, e.g. http://127.0.0.1:5080/graphql');
  process.exit(2);
}

const headers = process.env.GRAPHQL_AUTHORIZATION ? { authorization: process.env.GRAPHQL_AUTHORIZATION } : {};
const fetchFn = (input, init = {}) => fetch(input, { ...init, headers: { ...headers, ...(init.headers ?? {}) } });

const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
