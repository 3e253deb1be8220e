using System.Text.RegularExpressions;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Execution;

/// <summary>The estimate the cost limit compares, read from its error message by running with a limit of zero.</summary>
public sealed partial class CostAnalysisTests
{
    private static readonly Schema Schema = new SchemaBuilder()
        .AddTypeDefinitions("""
            directive @cost(weight: String!) on ARGUMENT_DEFINITION | FIELD_DEFINITION | OBJECT | SCALAR | ENUM
            directive @listSize(assumedSize: Int, slicingArguments: [String!]) on FIELD_DEFINITION

            type Query {
              plain: Result
              search(text: String @cost(weight: "20"), limit: Int): Result
              expensive: Result @cost(weight: "5")
              report: Report
              reportCheaply: Report @cost(weight: "2")
              results(first: Int): [Result]
              guessed: [Result] @listSize(assumedSize: 3)
            }

            type Result { name: String }
            type Report @cost(weight: "7") { total: Int }
            """)
        .Build();

    [GeneratedRegex(@"estimated cost is ([0-9.]+)")]
    private static partial Regex Estimate();

    private static async Task<double> CostOf(string query)
    {
        var result = await new DocumentExecutor(Schema, new ExecutionOptions { MaxCost = 0 }).ExecuteAsync(new GraphQLRequest(query));
        var message = Assert.Single(result.Errors!).Message;
        return double.Parse(Estimate().Match(message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("{ plain { name } }", 1)]
    [InlineData("{ expensive { name } }", 5)]
    [InlineData("{ search { name } }", 1)]
    [InlineData("{ search(text: \"tea\") { name } }", 21)]
    [InlineData("{ search(text: \"tea\", limit: 5) { name } }", 21)]
    [InlineData("{ report { total } }", 7)]
    [InlineData("{ reportCheaply { total } }", 2)]
    [InlineData("{ results(first: 4) { name } }", 4)]
    [InlineData("{ guessed { name } }", 3)]
    public async Task Weights_come_from_the_field_its_type_and_the_arguments_passed(string query, double expected)
    {
        Assert.Equal(expected, await CostOf(query));
    }

    [Fact]
    public async Task Each_result_tells_its_cost_and_the_validation_work_it_took_for_charging_the_caller()
    {
        var executor = new DocumentExecutor(Schema);
        var first = await executor.ExecuteAsync(new GraphQLRequest("{ results(first: 4) { name } }"));
        Assert.Null(first.Errors);
        Assert.Equal(4, first.Work!.Cost);
        Assert.InRange(first.Work.ValidationWork, 1, 20);

        // The validated document is cached: running it again costs no validation.
        var again = await executor.ExecuteAsync(new GraphQLRequest("{ results(first: 4) { name } }"));
        Assert.Equal(new RequestWork(0, 4), again.Work);

        var refused = await executor.ExecuteAsync(new GraphQLRequest("{ results(first: 4) { nam } }"));
        Assert.Equal(0, refused.Work!.Cost);
        Assert.True(refused.Work.ValidationWork > 0);
    }
}
