// graphql-js side of the `graphql` benchmark suite: the same schema, data and document as BenchmarkSchema.cs.
// Usage: GRAPHQL_JS=<path to node_modules/graphql/index.mjs> SECONDS=5 node peer.mjs -> JSON {execute_per_s, parse_validate_execute_per_s}
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
const seconds = Number(process.env.SECONDS ?? 5);

async function rate(run) {
  const warmupEnd = performance.now() + 1000;
  while (performance.now() < warmupEnd) await run();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await run();
    count += 100;
  }
  return count / ((performance.now() - start) / 1000);
}

const document = parse(source);
if (validate(schema, document).length > 0) throw new Error('benchmark document is invalid');
const check = await execute({ schema, document, rootValue, variableValues });
if (check.errors || check.data.order.lines.length !== 10) throw new Error('unexpected result ' + JSON.stringify(check));

const executePerS = await rate(() => execute({ schema, document, rootValue, variableValues }));
const fullPerS = await rate(() => graphql({ schema, source, rootValue, variableValues }));
process.stdout.write(JSON.stringify({ execute_per_s: executePerS, parse_validate_execute_per_s: fullPerS }));
