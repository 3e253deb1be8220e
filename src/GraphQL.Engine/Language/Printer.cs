using System.Text;

namespace GraphQL.Engine.Language;

/// <summary>Prints any AST back to GraphQL text in the conventional layout (two-space indents, one field per line).</summary>
public static class Printer
{
    public static string Print(SyntaxNode node)
    {
        var builder = new StringBuilder();
        new Writer(builder).Node(node, 0);
        return builder.ToString();
    }

    private sealed class Writer(StringBuilder output)
    {
        public void Node(SyntaxNode node, int indent)
        {
            switch (node)
            {
                case DocumentNode document:
                    for (var i = 0; i < document.Definitions.Count; i++)
                    {
                        if (i > 0)
                            output.Append("\n\n");
                        Node(document.Definitions[i], indent);
                    }

                    break;
                case OperationDefinitionNode operation: Operation(operation, indent); break;
                case FragmentDefinitionNode fragment:
                    output.Append("fragment ").Append(fragment.FragmentName.Value).Append(" on ").Append(fragment.TypeCondition.Name.Value);
                    Directives(fragment.Directives);
                    output.Append(' ');
                    SelectionSet(fragment.SelectionSet, indent);
                    break;
                case SelectionSetNode selectionSet: SelectionSet(selectionSet, indent); break;
                case SelectionNode selection: Selection(selection, indent); break;
                case ValueNode value: Value(value); break;
                case TypeNode type: Type(type); break;
                case DirectiveNode directive: Directive(directive); break;
                case ArgumentNode argument:
                    output.Append(argument.Name.Value).Append(": ");
                    Value(argument.Value);
                    break;
                case NameNode name: output.Append(name.Value); break;
                case TypeSystemNode definition: TypeSystem(definition); break;
                default: throw new ArgumentException($"Cannot print a {node.GetType().Name}.", nameof(node));
            }
        }

        private void Operation(OperationDefinitionNode operation, int indent)
        {
            var anonymousQuery = operation.Operation == OperationType.Query && operation.Name is null
                && operation.VariableDefinitions.Count == 0 && operation.Directives.Count == 0;
            if (!anonymousQuery)
            {
                output.Append(operation.Operation.ToString().ToLowerInvariant());
                if (operation.Name is not null)
                    output.Append(' ').Append(operation.Name.Value);
                if (operation.VariableDefinitions.Count > 0)
                {
                    output.Append(operation.Name is null ? " (" : "(");
                    for (var i = 0; i < operation.VariableDefinitions.Count; i++)
                    {
                        if (i > 0)
                            output.Append(", ");
                        var definition = operation.VariableDefinitions[i];
                        output.Append('$').Append(definition.Variable.Name.Value).Append(": ");
                        Type(definition.Type);
                        if (definition.DefaultValue is not null)
                        {
                            output.Append(" = ");
                            Value(definition.DefaultValue);
                        }

                        Directives(definition.Directives);
                    }

                    output.Append(')');
                }

                Directives(operation.Directives);
                output.Append(' ');
            }

            SelectionSet(operation.SelectionSet, indent);
        }

        private void SelectionSet(SelectionSetNode selectionSet, int indent)
        {
            output.Append("{\n");
            foreach (var selection in selectionSet.Selections)
            {
                output.Append(' ', (indent + 1) * 2);
                Selection(selection, indent + 1);
                output.Append('\n');
            }

            output.Append(' ', indent * 2).Append('}');
        }

        private void Selection(SelectionNode selection, int indent)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (field.Alias is not null)
                        output.Append(field.Alias.Value).Append(": ");
                    output.Append(field.Name.Value);
                    Arguments(field.Arguments);
                    Directives(field.Directives);
                    if (field.SelectionSet is not null)
                    {
                        output.Append(' ');
                        SelectionSet(field.SelectionSet, indent);
                    }

                    break;
                case FragmentSpreadNode spread:
                    output.Append("...").Append(spread.Name.Value);
                    Directives(spread.Directives);
                    break;
                case InlineFragmentNode inline:
                    output.Append("...");
                    if (inline.TypeCondition is not null)
                        output.Append(" on ").Append(inline.TypeCondition.Name.Value);
                    Directives(inline.Directives);
                    output.Append(' ');
                    SelectionSet(inline.SelectionSet, indent);
                    break;
            }
        }

        private void Arguments(IReadOnlyList<ArgumentNode> arguments)
        {
            if (arguments.Count == 0)
                return;
            output.Append('(');
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i > 0)
                    output.Append(", ");
                output.Append(arguments[i].Name.Value).Append(": ");
                Value(arguments[i].Value);
            }

            output.Append(')');
        }

        private void Directives(IReadOnlyList<DirectiveNode> directives)
        {
            foreach (var directive in directives)
            {
                output.Append(' ');
                Directive(directive);
            }
        }

        private void Directive(DirectiveNode directive)
        {
            output.Append('@').Append(directive.Name.Value);
            Arguments(directive.Arguments);
        }

        public void Value(ValueNode value)
        {
            switch (value)
            {
                case VariableNode variable: output.Append('$').Append(variable.Name.Value); break;
                case IntValueNode i: output.Append(i.Value); break;
                case FloatValueNode f: output.Append(f.Value); break;
                case StringValueNode { Block: true } s: output.Append(BlockString.Print(s.Value)); break;
                case StringValueNode s: output.Append(StringLiteral.Quote(s.Value)); break;
                case BooleanValueNode b: output.Append(b.Value ? "true" : "false"); break;
                case NullValueNode: output.Append("null"); break;
                case EnumValueNode e: output.Append(e.Value); break;
                case ListValueNode list:
                    output.Append('[');
                    for (var i = 0; i < list.Values.Count; i++)
                    {
                        if (i > 0)
                            output.Append(", ");
                        Value(list.Values[i]);
                    }

                    output.Append(']');
                    break;
                case ObjectValueNode obj:
                    output.Append('{');
                    for (var i = 0; i < obj.Fields.Count; i++)
                    {
                        output.Append(i > 0 ? ", " : string.Empty).Append(obj.Fields[i].Name.Value).Append(": ");
                        Value(obj.Fields[i].Value);
                    }

                    output.Append('}');
                    break;
            }
        }

        public void Type(TypeNode type)
        {
            switch (type)
            {
                case NamedTypeNode named: output.Append(named.Name.Value); break;
                case ListTypeNode list:
                    output.Append('[');
                    Type(list.Type);
                    output.Append(']');
                    break;
                case NonNullTypeNode nonNull:
                    Type(nonNull.Type);
                    output.Append('!');
                    break;
            }
        }

        private void Description(StringValueNode? description, string indent)
        {
            if (description is null)
                return;
            var text = description.Block ? BlockString.Print(description.Value) : StringLiteral.Quote(description.Value);
            output.Append(text.Replace("\n", "\n" + indent)).Append('\n').Append(indent);
        }

        private void TypeSystem(TypeSystemNode node)
        {
            Description(node.Description, string.Empty);
            if (node.IsExtension)
                output.Append("extend ");
            switch (node)
            {
                case SchemaDefinitionNode schema:
                    output.Append("schema");
                    Directives(schema.Directives);
                    if (schema.OperationTypes.Count > 0)
                    {
                        output.Append(" {\n");
                        foreach (var operationType in schema.OperationTypes)
                            output.Append("  ").Append(operationType.Operation.ToString().ToLowerInvariant()).Append(": ").Append(operationType.Type.Name.Value).Append('\n');
                        output.Append('}');
                    }

                    break;
                case ScalarTypeDefinitionNode scalar:
                    output.Append("scalar ").Append(scalar.Name.Value);
                    Directives(scalar.Directives);
                    break;
                case ObjectTypeDefinitionNode obj:
                    output.Append("type ").Append(obj.Name.Value);
                    Implements(obj.Interfaces);
                    Directives(obj.Directives);
                    Fields(obj.Fields);
                    break;
                case InterfaceTypeDefinitionNode iface:
                    output.Append("interface ").Append(iface.Name.Value);
                    Implements(iface.Interfaces);
                    Directives(iface.Directives);
                    Fields(iface.Fields);
                    break;
                case UnionTypeDefinitionNode union:
                    output.Append("union ").Append(union.Name.Value);
                    Directives(union.Directives);
                    if (union.Types.Count > 0)
                        output.Append(" = ").AppendJoin(" | ", union.Types.Select(t => t.Name.Value));
                    break;
                case EnumTypeDefinitionNode enumType:
                    output.Append("enum ").Append(enumType.Name.Value);
                    Directives(enumType.Directives);
                    if (enumType.Values.Count > 0)
                    {
                        output.Append(" {\n");
                        foreach (var value in enumType.Values)
                        {
                            output.Append("  ");
                            Description(value.Description, "  ");
                            output.Append(value.Name.Value);
                            Directives(value.Directives);
                            output.Append('\n');
                        }

                        output.Append('}');
                    }

                    break;
                case InputObjectTypeDefinitionNode input:
                    output.Append("input ").Append(input.Name.Value);
                    Directives(input.Directives);
                    if (input.Fields.Count > 0)
                    {
                        output.Append(" {\n");
                        foreach (var field in input.Fields)
                        {
                            output.Append("  ");
                            InputValue(field, "  ");
                            output.Append('\n');
                        }

                        output.Append('}');
                    }

                    break;
                case DirectiveDefinitionNode directive:
                    output.Append("directive @").Append(directive.Name.Value);
                    ArgumentDefinitions(directive.Arguments, string.Empty);
                    if (directive.Repeatable)
                        output.Append(" repeatable");
                    output.Append(" on ").AppendJoin(" | ", directive.Locations.Select(l => l.Value));
                    break;
            }
        }

        private void Implements(IReadOnlyList<NamedTypeNode> interfaces)
        {
            if (interfaces.Count > 0)
                output.Append(" implements ").AppendJoin(" & ", interfaces.Select(i => i.Name.Value));
        }

        private void Fields(IReadOnlyList<FieldDefinitionNode> fields)
        {
            if (fields.Count == 0)
                return;
            output.Append(" {\n");
            foreach (var field in fields)
            {
                output.Append("  ");
                Description(field.Description, "  ");
                output.Append(field.Name.Value);
                ArgumentDefinitions(field.Arguments, "  ");
                output.Append(": ");
                Type(field.Type);
                Directives(field.Directives);
                output.Append('\n');
            }

            output.Append('}');
        }

        private void ArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> arguments, string indent)
        {
            if (arguments.Count == 0)
                return;
            if (arguments.All(a => a.Description is null))
            {
                output.Append('(');
                for (var i = 0; i < arguments.Count; i++)
                {
                    if (i > 0)
                        output.Append(", ");
                    InputValue(arguments[i], indent);
                }

                output.Append(')');
                return;
            }

            output.Append("(\n");
            foreach (var argument in arguments)
            {
                output.Append(indent).Append("  ");
                InputValue(argument, indent + "  ");
                output.Append('\n');
            }

            output.Append(indent).Append(')');
        }

        private void InputValue(InputValueDefinitionNode value, string indent)
        {
            Description(value.Description, indent);
            output.Append(value.Name.Value).Append(": ");
            Type(value.Type);
            if (value.DefaultValue is not null)
            {
                output.Append(" = ");
                Value(value.DefaultValue);
            }

            Directives(value.Directives);
        }
    }
}
