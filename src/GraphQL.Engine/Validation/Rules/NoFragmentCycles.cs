using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.2.2 Fragment spreads must not form cycles (each cycle reported once).</summary>
public sealed class NoFragmentCycles : ValidationRule
{
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly List<FragmentSpreadNode> _path = [];
    private readonly Dictionary<string, int> _pathIndex = new(StringComparer.Ordinal);

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => Detect(context, node);

    private void Detect(ValidationContext context, FragmentDefinitionNode fragment)
    {
        var name = fragment.FragmentName.Value;
        if (!_visited.Add(name))
            return;
        var spreads = ValidationContext.GetFragmentSpreads(fragment.SelectionSet);
        if (spreads.Count == 0)
            return;
        _pathIndex[name] = _path.Count;
        foreach (var spread in spreads)
        {
            context.Spend();
            var target = spread.Name.Value;
            _path.Add(spread);
            if (!_pathIndex.TryGetValue(target, out var cycleIndex))
            {
                if (context.GetFragment(target) is { } next)
                    Detect(context, next);
            }
            else
            {
                var cyclePath = _path.Skip(cycleIndex).ToList();
                var via = cyclePath.Take(cyclePath.Count - 1).Select(s => $"\"{s.Name.Value}\"").ToList();
                context.ReportError(
                    $"Cannot spread fragment \"{target}\" within itself" + (via.Count > 0 ? $" via {string.Join(", ", via)}." : "."),
                    [.. cyclePath]);
            }

            _path.RemoveAt(_path.Count - 1);
        }

        _pathIndex.Remove(name);
    }
}
