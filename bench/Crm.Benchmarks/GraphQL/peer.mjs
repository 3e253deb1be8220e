// graphql-js side of the `graphql` benchmark suite: the same schema, data and document as BenchmarkSchema.cs.
// Usage: GRAPHQL_JS=<file URL of node_modules/graphql/index.mjs> node peer.mjs, then commands on stdin (below).
const { buildSchema, execute, graphql, parse, validate } = await import(process.env.GRAPHQL_JS);

const schema = buildSchema(`
  type Query { order(id: ID!): Order }
  enum Status { OPEN PAID SHIPPED }
  type Order { id: ID! number: String! status: Status! total: Float! currency: String! createdAt: String! customer: Customer! lines: [Line!]! }
  type Customer { id: ID! name: String! email: String! }
  type Line { sku: String! quantity: Int! price: Float! }
`);
const order = {
  id: '1', number: 'SO-1001', status: 'PAID', total: 1234.5, currency: 'EUR', createdAt: '2024-01-31T13:45:00Z',
  customer: { id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com' },
  lines: Array.from({ length: 10 }, (_, k) => ({ sku: `SKU-${k + 1}`, quantity: k + 1, price: (k + 1) * 9.99 })),
};
const rootValue = { order: ({ id }) => (id === order.id ? order : null) };
const source = `
  query Order($id: ID!) {
    order(id: $id) {
      id number status total currency createdAt
      customer { id name email }
      lines { sku quantity price }
    }
  }
`;
const variableValues = { id: '1' };

// Commands on stdin, one per line: "execute <ms>" or "full <ms>"; each answers one line with the rate measured.
// The suite alternates short engine and graphql-js windows, so both see the same machine load.
async function rate(run, milliseconds) {
  let count = 0;
  const start = performance.now();
  const end = start + milliseconds;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) await run();
    count += 50;
  }
  return count / ((performance.now() - start) / 1000);
}

const document = parse(source);
if (validate(schema, document).length > 0) throw new Error('benchmark document is invalid');
const check = await execute({ schema, document, rootValue, variableValues });
if (check.errors || check.data.order.lines.length !== 10) throw new Error('unexpected result ' + JSON.stringify(check));

const runs = {
  execute: () => execute({ schema, document, rootValue, variableValues }),
  full: () => graphql({ schema, source, rootValue, variableValues }),
};
const { createInterface } = await import('node:readline');
for await (const line of createInterface({ input: process.stdin })) {
  const [kind, milliseconds] = line.trim().split(' ');
  if (!runs[kind]) throw new Error('unknown command ' + line);
  process.stdout.write(JSON.stringify({ rate: await rate(runs[kind], Number(milliseconds)) }) + '\n');
}
