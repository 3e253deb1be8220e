using System.Text.Json;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests;

/// <summary>A small library-and-people schema over in-memory data, used by execution, validation and HTTP tests.</summary>
public static class TestSchema
{
    public const string Sdl = """
        "A thing with an id"
        interface Node { id: ID! }

        interface Named { name: String! }

        type Author implements Node & Named {
          id: ID!
          name: String!
          books(first: Int = 10, genre: Genre): [Book!]!
          nickname: String @deprecated(reason: "Use name.")
        }

        type Book implements Node {
          id: ID!
          title: String!
          genre: Genre
          author: Author!
          pages: Int
          tags: [String]
        }

        enum Genre { FICTION SCIENCE HISTORY }

        union SearchResult = Author | Book

        input BookInput {
          title: String!
          authorId: ID!
          genre: Genre = FICTION
          tags: [String!]
        }

        input BookKey @oneOf { id: ID isbn: String }

        scalar DateTime

        type Query {
          book(id: ID!): Book
          bookBy(key: BookKey!): Book
          books(genre: Genre): [Book!]!
          authors: [Author!]!
          search(text: String!): [SearchResult!]!
          node(id: ID!): Node
          echo(text: String, number: Int, flag: Boolean, ratio: Float, list: [Int], when: DateTime): String
          failing: String
          failingNonNull: String!
          coded: String
          slow(ms: Int!, value: String!): String
          brokenBook: Book
          now: DateTime!
        }

        type Mutation {
          addBook(input: BookInput!): Book!
          append(value: String!): [String!]!
        }
        """;

    public static Schema Build(List<string>? appendLog = null)
    {
        var authors = new List<Author> { new("a1", "Ursula"), new("a2", "Carl") };
        var books = new List<Book>
        {
            new("b1", "Earthsea", "FICTION", "a1", 250, ["magic", null]),
            new("b2", "Cosmos", "SCIENCE", "a2", 400, []),
            new("b3", "The Dispossessed", "FICTION", "a1", 380, null),
        };
        var log = appendLog ?? [];
        return new SchemaBuilder()
            .AddTypeDefinitions(Sdl)
            .AddResolver("Query", "book", c => books.FirstOrDefault(b => b.Id == c.Argument<string>("id")))
            .AddResolver("Query", "bookBy", c =>
            {
                var key = c.Argument<IReadOnlyDictionary<string, object?>>("key")!;
                return key.TryGetValue("id", out var id) ? books.FirstOrDefault(b => b.Id == (string?)id) : null;
            })
            .AddResolver("Query", "books", c => c.HasArgument("genre") ? books.Where(b => b.Genre == c.Argument<string>("genre")) : books)
            .AddResolver("Query", "authors", _ => authors)
            .AddResolver("Query", "search", c => authors.Where(a => a.Name.Contains(c.Argument<string>("text")!)).Cast<object>()
                .Concat(books.Where(b => b.Title.Contains(c.Argument<string>("text")!))))
            .AddResolver("Query", "node", c => (object?)authors.FirstOrDefault(a => a.Id == c.Argument<string>("id")) ?? books.FirstOrDefault(b => b.Id == c.Argument<string>("id")))
            .AddResolver("Query", "echo", c => JsonSerializer.Serialize(c.Arguments.OrderBy(a => a.Key).ToDictionary(a => a.Key, a => a.Value is DateTimeOffset d ? d.ToString("O") : a.Value)))
            .AddResolver("Query", "failing", _ => throw new InvalidOperationException("secret connection string"))
            .AddResolver("Query", "failingNonNull", _ => null)
            .AddResolver("Query", "coded", _ => throw new GraphQLException("Not allowed here.", "FORBIDDEN"))
            .AddResolver("Query", "slow", async c =>
            {
                await Task.Delay(c.Argument<int>("ms"), c.CancellationToken);
                return c.Argument<string>("value");
            })
            .AddResolver("Query", "brokenBook", _ => new Book("bx", null!, "FICTION", "a1", 1, null))
            .AddResolver("Query", "now", _ => new DateTimeOffset(2024, 1, 31, 13, 45, 0, TimeSpan.Zero))
            .AddResolver("Book", "author", c => authors.First(a => a.Id == ((Book)c.Parent!).AuthorId))
            .AddResolver("Author", "books", c =>
            {
                var author = (Author)c.Parent!;
                var genre = c.Argument<string>("genre");
                return books.Where(b => b.AuthorId == author.Id && (genre is null || b.Genre == genre)).Take(c.Argument<int>("first"));
            })
            .AddResolver("Mutation", "addBook", c =>
            {
                var input = c.Argument<BookInput>("input")!;
                var book = new Book($"b{books.Count + 1}", input.Title, input.Genre, input.AuthorId, null, input.Tags?.Cast<string?>().ToList());
                books.Add(book);
                return book;
            })
            .AddResolver("Mutation", "append", async c =>
            {
                // Slower first calls would finish last if mutations ran concurrently.
                var value = c.Argument<string>("value")!;
                await Task.Delay(value == "first" ? 100 : 1, c.CancellationToken);
                lock (log)
                    log.Add(value);
                return (object?)log.ToList();
            })
            .Build();
    }

    public sealed record Author(string Id, string Name)
    {
        public string? Nickname => Name.ToLowerInvariant();
    }

    public sealed record Book(string Id, string Title, string Genre, string AuthorId, int? Pages, List<string?>? Tags);

    public sealed record BookInput(string Title, string AuthorId, string Genre, List<string>? Tags);

    public static async Task<JsonElement> Run(Schema schema, string query, object? variables = null, string? operationName = null, ExecutionOptions? options = null)
    {
        var vars = variables is null ? null : JsonValues.ToMap(JsonSerializer.SerializeToElement(variables));
        var result = await new DocumentExecutor(schema, options).ExecuteAsync(new GraphQLRequest(query, vars, operationName));
        return JsonDocument.Parse(ResultJsonWriter.ToJson(result)).RootElement;
    }
}
