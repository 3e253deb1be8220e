using GraphQL.Engine.Types;

namespace Crm.Benchmarks.GraphQL;

/// <summary>
/// The document and data both engines execute: a typical 15-field query with one nested list of 10, over
/// in-memory objects. peer.mjs builds the same schema and data for graphql-js.
/// </summary>
internal static class BenchmarkSchema
{
    public const string Sdl = """
        type Query { order(id: ID!): Order }
        enum Status { OPEN PAID SHIPPED }
        type Order {
          id: ID!
          number: String!
          status: Status!
          total: Float!
          currency: String!
          createdAt: String!
          customer: Customer!
          lines: [Line!]!
        }
        type Customer { id: ID! name: String! email: String! }
        type Line { sku: String! quantity: Int! price: Float! }
        """;

    /// <summary>15 fields: order, 6 scalars, customer + 3, lines + 3 (lines has 10 items).</summary>
    public const string Query = """
        query Order($id: ID!) {
          order(id: $id) {
            id number status total currency createdAt
            customer { id name email }
            lines { sku quantity price }
          }
        }
        """;

    public static Schema Build()
    {
        var order = new Order("1", "SO-1001", "PAID", 1234.5, "EUR", "2024-01-31T13:45:00Z",
            new Customer("c1", "Ada Lovelace", "ada@example.com"),
            [.. Enumerable.Range(1, 10).Select(i => new Line($"SKU-{i}", i, i * 9.99))]);
        return new SchemaBuilder()
            .AddTypeDefinitions(Sdl)
            .AddResolver("Query", "order", c => c.Argument<string>("id") == order.Id ? order : null)
            .Build();
    }

    private sealed record Order(string Id, string Number, string Status, double Total, string Currency, string CreatedAt, Customer Customer, IReadOnlyList<Line> Lines);

    private sealed record Customer(string Id, string Name, string Email);

    private sealed record Line(string Sku, int Quantity, double Price);
}
