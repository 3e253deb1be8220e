using System.Collections.Concurrent;
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
    // Each hook calls only the rules that override it: most rules care about one or two kinds of node, and
    // calling every rule's empty hooks at every node was most of the cost of validating.
    private static readonly string[] HookNames =
    [
        nameof(ValidationRule.EnterDocument),
        nameof(ValidationRule.EnterDefinition),
        nameof(ValidationRule.LeaveDocument),
        nameof(ValidationRule.EnterOperation),
        nameof(ValidationRule.LeaveOperation),
        nameof(ValidationRule.EnterFragmentDefinition),
        nameof(ValidationRule.EnterVariableDefinition),
        nameof(ValidationRule.EnterNamedType),
        nameof(ValidationRule.EnterSelectionSet),
        nameof(ValidationRule.EnterFragmentSpread),
        nameof(ValidationRule.EnterField),
        nameof(ValidationRule.LeaveField),
        nameof(ValidationRule.EnterInlineFragment),
        nameof(ValidationRule.EnterDirectives),
        nameof(ValidationRule.EnterDirective),
        nameof(ValidationRule.EnterArguments),
        nameof(ValidationRule.EnterArgument),
        nameof(ValidationRule.EnterValue),
    ];
    private static readonly ConcurrentDictionary<Type, int> OverriddenHooks = new();

    private readonly ValidationRule[] _enterDocument = Overriding(rules,
        nameof(ValidationRule.EnterDocument));
    private readonly ValidationRule[] _enterDefinition = Overriding(rules,
        nameof(ValidationRule.EnterDefinition));
    private readonly ValidationRule[] _leaveDocument = Overriding(rules,
        nameof(ValidationRule.LeaveDocument));
    private readonly ValidationRule[] _enterOperation = Overriding(rules,
        nameof(ValidationRule.EnterOperation));
    private readonly ValidationRule[] _leaveOperation = Overriding(rules,
        nameof(ValidationRule.LeaveOperation));
    private readonly ValidationRule[] _enterFragmentDefinition = Overriding(rules,
        nameof(ValidationRule.EnterFragmentDefinition));
    private readonly ValidationRule[] _enterVariableDefinition = Overriding(rules,
        nameof(ValidationRule.EnterVariableDefinition));
    private readonly ValidationRule[] _enterNamedType = Overriding(rules,
        nameof(ValidationRule.EnterNamedType));
    private readonly ValidationRule[] _enterSelectionSet = Overriding(rules,
        nameof(ValidationRule.EnterSelectionSet));
    private readonly ValidationRule[] _enterFragmentSpread = Overriding(rules,
        nameof(ValidationRule.EnterFragmentSpread));
    private readonly ValidationRule[] _enterField = Overriding(rules,
        nameof(ValidationRule.EnterField));
    private readonly ValidationRule[] _leaveField = Overriding(rules,
        nameof(ValidationRule.LeaveField));
    private readonly ValidationRule[] _enterInlineFragment = Overriding(rules,
        nameof(ValidationRule.EnterInlineFragment));
    private readonly ValidationRule[] _enterDirectives = Overriding(rules,
        nameof(ValidationRule.EnterDirectives));
    private readonly ValidationRule[] _enterDirective = Overriding(rules,
        nameof(ValidationRule.EnterDirective));
    private readonly ValidationRule[] _enterArguments = Overriding(rules,
        nameof(ValidationRule.EnterArguments));
    private readonly ValidationRule[] _enterArgument = Overriding(rules,
        nameof(ValidationRule.EnterArgument));
    private readonly ValidationRule[] _enterValue = Overriding(rules,
        nameof(ValidationRule.EnterValue));

    private static ValidationRule[] Overriding(IReadOnlyList<ValidationRule> rules, string hookName)
    {
        var hook = Array.IndexOf(HookNames, hookName);
        var matching = new List<ValidationRule>(rules.Count);
        foreach (var rule in rules)
        {
            if ((OverriddenHooks.GetOrAdd(rule.GetType(), MaskOf) & (1 << hook)) != 0)
                matching.Add(rule);
        }

        return [.. matching];
    }

    private static int MaskOf(Type type)
    {
        var mask = 0;
        for (var i = 0; i < HookNames.Length; i++)
        {
            if (type.GetMethod(HookNames[i])!.DeclaringType != typeof(ValidationRule))
                mask |= 1 << i;
        }

        return mask;
    }

    public void WalkDocument(DocumentNode document)
    {
        foreach (var rule in _enterDocument)
            rule.EnterDocument(context, document);
        foreach (var definition in document.Definitions)
        {
            foreach (var rule in _enterDefinition)
                rule.EnterDefinition(context, definition);
            if (definition is ExecutableDefinitionNode executable)
                WalkDefinition(executable);
        }

        foreach (var rule in _leaveDocument)
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
        foreach (var rule in _enterOperation)
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
        foreach (var rule in _leaveOperation)
            rule.LeaveOperation(context, operation);
        context.Type = null;
    }

    private void WalkFragment(FragmentDefinitionNode fragment)
    {
        var type = context.Schema.GetType(fragment.TypeCondition.Name.Value);
        context.Type = type;
        foreach (var rule in _enterFragmentDefinition)
            rule.EnterFragmentDefinition(context, fragment);
        WalkNamedType(fragment.TypeCondition);
        WalkDirectives(fragment, fragment.Directives, DirectiveLocations.FragmentDefinition);
        WalkSelectionSet(fragment.SelectionSet, type);
        context.Type = null;
    }

    private void WalkVariableDefinition(VariableDefinitionNode variable)
    {
        foreach (var rule in _enterVariableDefinition)
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
        foreach (var rule in _enterNamedType)
            rule.EnterNamedType(context, named);
    }

    private void WalkSelectionSet(SelectionSetNode selectionSet, GraphQLType? type)
    {
        var savedParent = context.ParentType;
        var named = type?.NamedType;
        context.ParentType = named is ComplexType or UnionType ? named : null;
        foreach (var rule in _enterSelectionSet)
            rule.EnterSelectionSet(context, selectionSet);
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field: WalkField(field); break;
                case InlineFragmentNode inline: WalkInlineFragment(inline); break;
                case FragmentSpreadNode spread:
                    foreach (var rule in _enterFragmentSpread)
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
        foreach (var rule in _enterField)
            rule.EnterField(context, field);
        WalkArguments(field, field.Arguments, definition?.Arguments);
        WalkDirectives(field, field.Directives, DirectiveLocations.Field);
        if (field.SelectionSet is not null)
            WalkSelectionSet(field.SelectionSet, definition?.Type);
        foreach (var rule in _leaveField)
            rule.LeaveField(context, field);
        (context.FieldDefinition, context.Type) = saved;
    }

    private void WalkInlineFragment(InlineFragmentNode inline)
    {
        var savedType = context.Type;
        var type = inline.TypeCondition is null ? context.ParentType : context.Schema.GetType(inline.TypeCondition.Name.Value);
        context.Type = type;
        foreach (var rule in _enterInlineFragment)
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
        foreach (var rule in _enterDirectives)
            rule.EnterDirectives(context, owner, directives);
        foreach (var directive in directives)
        {
            var definition = context.Schema.GetDirective(directive.Name.Value);
            context.Directive = definition;
            foreach (var rule in _enterDirective)
                rule.EnterDirective(context, directive);
            WalkArguments(directive, directive.Arguments, definition?.Arguments);
            context.Directive = null;
        }

        (context.Directive, context.DirectiveLocation) = saved;
    }

    private void WalkArguments(SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments, IReadOnlyList<InputValueDefinition>? definitions)
    {
        foreach (var rule in _enterArguments)
            rule.EnterArguments(context, owner, arguments);
        foreach (var argument in arguments)
        {
            var saved = (context.Argument, context.InputType, context.InputHasDefault, context.ParentInputType);
            var definition = definitions?.FirstOrDefault(d => d.Name == argument.Name.Value);
            context.Argument = definition;
            context.InputType = definition?.Type;
            context.InputHasDefault = definition?.HasDefaultValue ?? false;
            context.ParentInputType = null;
            foreach (var rule in _enterArgument)
                rule.EnterArgument(context, argument);
            WalkValue(argument.Value);
            (context.Argument, context.InputType, context.InputHasDefault, context.ParentInputType) = saved;
        }
    }

    private void WalkValue(ValueNode value)
    {
        foreach (var rule in _enterValue)
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
