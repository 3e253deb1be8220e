using System.Text.Json;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Tests.Execution;

public sealed class JsonValuesTests
{
    [Theory]
    [InlineData("3", typeof(long))]
    [InlineData("-9007199254740993", typeof(long))]
    [InlineData("1.5", typeof(double))]
    [InlineData("1e400", typeof(double))]
    public void Whole_numbers_decode_as_long_and_others_as_double(string json, Type expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.IsType(expected, JsonValues.ToClr(document.RootElement));
    }
}
