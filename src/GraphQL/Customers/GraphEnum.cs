using System.Text;

namespace Crm.GraphQL.Customers;

/// <summary>A CLR enum member's GraphQL spelling: ServiceRequest → SERVICE_REQUEST.</summary>
public static class GraphEnum
{
    public static string Name(Enum value)
    {
        var text = value.ToString();
        var name = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]))
                name.Append('_');
            name.Append(char.ToUpperInvariant(text[i]));
        }
        return name.ToString();
    }
}
