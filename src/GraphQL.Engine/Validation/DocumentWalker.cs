using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Validation;

/// <summary>
/// Visits a document once, keeping <see cref="ValidationContext"/>'s type information current, and calls every
/// rule at each node (graphql-js's TypeInfo + parallel visitor, as one recursive walk).
/// </summary>
internal sealed class DocumentWalker(ValidationContext context, IReadOnlyList<ValidationRule> rules)
{
    public void WalkDocument(DocumentNode document)
    {
        foreach (var rule in rules)
            rule.EnterDocument(context, document);
        foreach (var definition in document.Definitions)
        {
            foreach (var rule in rules)
                rule.EnterDefinition(context, definition);
            if (definition is ExecutableDefinitionNode executable)
                WalkDefinition(executable);
        }

        foreach (var rule in rules)
            rule.LeaveDocument(context, document);
    }

    public void WalkDefinition(ExecutableDefinitionNode definition)
    {
        switch (definition)
        {
            case OperationDefinitionNode operation:
                WalkOperation(operation);
                break;
            case FragmentDefinitionNode fragment:
                WalkFragment(fragment);
                break;
        }
    }

    private void WalkOperation(OperationDefinitionNode operation)
    {
        var root = context.Schema.GetRootType(operation.Operation);
        context.Type = root;
        foreach (var rule in rules)
            rule.EnterOperation(context, operation);
        foreach (var variable in operation.VariableDefinitions)
            WalkVariableDefinition(variable);
        WalkDirectives(operation, operation.Directives, operation.Operation switch
        {
            OperationType.Query => DirectiveLocations.Query,
            OperationType.Mutation => DirectiveLocations.Mutation,
            _ => DirectiveLocations.Subscription,
        });
        WalkSelectionSet(operation.SelectionSet, root);
        foreach (var rule in rules)
            rule.LeaveOperation(context, operation);
        context.Type = null;
    }

    private void WalkFragment(FragmentDefinitionNode fragment)
    {
        var type = context.Schema.GetType(fragment.TypeCondition.Name.Value);
        context.Type = type;
        foreach (var rule in rules)
            rule.EnterFragmentDefinition(context, fragment);
        WalkNamedType(fragment.TypeCondition);
        WalkDirectives(fragment, fragment.Directives, DirectiveLocations.FragmentDefinition);
        WalkSelectionSet(fragment.SelectionSet, type);
        context.Type = null;
    }

    private void WalkVariableDefinition(VariableDefinitionNode variable)
    {
        foreach (var rule in rules)
            rule.EnterVariableDefinition(context, variable);
        WalkTypeReference(variable.Type);
        if (variable.DefaultValue is not null)
        {
            var saved = (context.InputType, context.InputHasDefault);
            context.InputType = TypeFromAst.Resolve(context.Schema, variable.Type);
            context.InputHasDefault = false;
            WalkValue(variable.DefaultValue);
            (context.InputType, context.InputHasDefault) = saved;
        }

        WalkDirectives(variable, variable.Directives, DirectiveLocations.VariableDefinition);
    }

    private void WalkTypeReference(TypeNode type)
    {
        switch (type)
        {
            case NamedTypeNode named: WalkNamedType(named); break;
            case ListTypeNode list: WalkTypeReference(list.Type); break;
            case NonNullTypeNode nonNull: WalkTypeReference(nonNull.Type); break;
        }
    }

    private void WalkNamedType(NamedTypeNode named)
    {
        foreach (var rule in rules)
            rule.EnterNamedType(context, named);
    }

    private void WalkSelectionSet(SelectionSetNode selectionSet, GraphQLType? type)
    {
        var savedParent = context.ParentType;
        var named = type?.NamedType;
        context.ParentType = named is ComplexType or UnionType ? named : null;
        foreach (var rule in rules)
            rule.EnterSelectionSet(context, selectionSet);
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field: WalkField(field); break;
                case InlineFragmentNode inline: WalkInlineFragment(inline); break;
                case FragmentSpreadNode spread:
                    foreach (var rule in rules)
                        rule.EnterFragmentSpread(context, spread);
                    WalkDirectives(spread, spread.Directives, DirectiveLocations.FragmentSpread);
                    break;
            }
        }

        context.ParentType = savedParent;
    }

    private void WalkField(FieldNode field)
    {
        var saved = (context.FieldDefinition, context.Type);
        var definition = context.ParentType is { } parent ? IntrospectionSchema.GetField(context.Schema, parent, field.Name.Value, includeTypename: true) : null;
        context.FieldDefinition = definition;
        context.Type = definition?.Type;
        foreach (var rule in rules)
            rule.EnterField(context, field);
        WalkArguments(field, field.Arguments, definition?.Arguments);
        WalkDirectives(field, field.Directives, DirectiveLocations.Field);
        if (field.SelectionSet is not null)
            WalkSelectionSet(field.SelectionSet, definition?.Type);
        foreach (var rule in rules)
            rule.LeaveField(context, field);
        (context.FieldDefinition, context.Type) = saved;
    }

    private void WalkInlineFragment(InlineFragmentNode inline)
    {
        var savedType = context.Type;
        var type = inline.TypeCondition is null ? context.ParentType : context.Schema.GetType(inline.TypeCondition.Name.Value);
        context.Type = type;
        foreach (var rule in rules)
            rule.EnterInlineFragment(context, inline);
        if (inline.TypeCondition is not null)
            WalkNamedType(inline.TypeCondition);
        WalkDirectives(inline, inline.Directives, DirectiveLocations.InlineFragment);
        WalkSelectionSet(inline.SelectionSet, type);
        context.Type = savedType;
    }

    private void WalkDirectives(SyntaxNode owner, IReadOnlyList<DirectiveNode> directives, string location)
    {
        if (directives.Count == 0)
            return;
        var saved = (context.Directive, context.DirectiveLocation);
        context.DirectiveLocation = location;
        foreach (var rule in rules)
            rule.EnterDirectives(context, owner, directives);
        foreach (var directive in directives)
        {
            var definition = context.Schema.GetDirective(directive.Name.Value);
            context.Directive = definition;
            foreach (var rule in rules)
                rule.EnterDirective(context, directive);
            WalkArguments(directive, directive.Arguments, definition?.Arguments);
            context.Directive = null;
        }

        (context.Directive, context.DirectiveLocation) = saved;
    }

    private void WalkArguments(SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments, IReadOnlyList<InputValueDefinition>? definitions)
    {
        foreach (var rule in rules)
            rule.EnterArguments(context, owner, arguments);
        foreach (var argument in arguments)
        {
            var saved = (context.Argument, context.InputType, context.InputHasDefault, context.ParentInputType);
            var definition = definitions?.FirstOrDefault(d => d.Name == argument.Name.Value);
            context.Argument = definition;
            context.InputType = definition?.Type;
            context.InputHasDefault = definition?.HasDefaultValue ?? false;
            context.ParentInputType = null;
            foreach (var rule in rules)
                rule.EnterArgument(context, argument);
            WalkValue(argument.Value);
            (context.Argument, context.InputType, context.InputHasDefault, context.ParentInputType) = saved;
        }
    }

    private void WalkValue(ValueNode value)
    {
        foreach (var rule in rules)
            rule.EnterValue(context, value);
        var saved = (context.InputType, context.InputHasDefault, context.ParentInputType);
        switch (value)
        {
            case ListValueNode list:
                var listType = context.InputType?.Nullable;
                context.ParentInputType = listType;
                context.InputType = listType is ListType l ? l.OfType : listType;
                context.InputHasDefault = false;
                foreach (var item in list.Values)
                    WalkValue(item);
                break;
            case ObjectValueNode obj:
                var objectType = context.InputType?.NamedType as InputObjectType;
                context.ParentInputType = context.InputType;
                foreach (var field in obj.Fields)
                {
                    var definition = objectType?.GetField(field.Name.Value);
                    context.InputType = definition?.Type;
                    context.InputHasDefault = definition?.HasDefaultValue ?? false;
                    WalkValue(field.Value);
                }

                break;
        }

        (context.InputType, context.InputHasDefault, context.ParentInputType) = saved;
    }
}
