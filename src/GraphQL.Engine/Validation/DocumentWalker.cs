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
internal sealed class DocumentWalker
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

    private readonly ValidationRule[] _enterDocument;
    private readonly ValidationRule[] _enterDefinition;
    private readonly ValidationRule[] _leaveDocument;
    private readonly ValidationRule[] _enterOperation;
    private readonly ValidationRule[] _leaveOperation;
    private readonly ValidationRule[] _enterFragmentDefinition;
    private readonly ValidationRule[] _enterVariableDefinition;
    private readonly ValidationRule[] _enterNamedType;
    private readonly ValidationRule[] _enterSelectionSet;
    private readonly ValidationRule[] _enterFragmentSpread;
    private readonly ValidationRule[] _enterField;
    private readonly ValidationRule[] _leaveField;
    private readonly ValidationRule[] _enterInlineFragment;
    private readonly ValidationRule[] _enterDirectives;
    private readonly ValidationRule[] _enterDirective;
    private readonly ValidationRule[] _enterArguments;
    private readonly ValidationRule[] _enterArgument;
    private readonly ValidationRule[] _enterValue;

    private readonly ValidationContext _context;

    public DocumentWalker(ValidationContext context, IReadOnlyList<ValidationRule> rules)
    {
        _context = context;
        var masks = new int[rules.Count];
        for (var i = 0; i < rules.Count; i++)
            masks[i] = OverriddenHooks.GetOrAdd(rules[i].GetType(), MaskOf);
        _enterDocument = Overriding(rules, masks, nameof(ValidationRule.EnterDocument));
        _enterDefinition = Overriding(rules, masks, nameof(ValidationRule.EnterDefinition));
        _leaveDocument = Overriding(rules, masks, nameof(ValidationRule.LeaveDocument));
        _enterOperation = Overriding(rules, masks, nameof(ValidationRule.EnterOperation));
        _leaveOperation = Overriding(rules, masks, nameof(ValidationRule.LeaveOperation));
        _enterFragmentDefinition = Overriding(rules, masks, nameof(ValidationRule.EnterFragmentDefinition));
        _enterVariableDefinition = Overriding(rules, masks, nameof(ValidationRule.EnterVariableDefinition));
        _enterNamedType = Overriding(rules, masks, nameof(ValidationRule.EnterNamedType));
        _enterSelectionSet = Overriding(rules, masks, nameof(ValidationRule.EnterSelectionSet));
        _enterFragmentSpread = Overriding(rules, masks, nameof(ValidationRule.EnterFragmentSpread));
        _enterField = Overriding(rules, masks, nameof(ValidationRule.EnterField));
        _leaveField = Overriding(rules, masks, nameof(ValidationRule.LeaveField));
        _enterInlineFragment = Overriding(rules, masks, nameof(ValidationRule.EnterInlineFragment));
        _enterDirectives = Overriding(rules, masks, nameof(ValidationRule.EnterDirectives));
        _enterDirective = Overriding(rules, masks, nameof(ValidationRule.EnterDirective));
        _enterArguments = Overriding(rules, masks, nameof(ValidationRule.EnterArguments));
        _enterArgument = Overriding(rules, masks, nameof(ValidationRule.EnterArgument));
        _enterValue = Overriding(rules, masks, nameof(ValidationRule.EnterValue));
    }

    private static ValidationRule[] Overriding(IReadOnlyList<ValidationRule> rules, int[] masks, string hookName)
    {
        var bit = 1 << Array.IndexOf(HookNames, hookName);
        var matching = new List<ValidationRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            if ((masks[i] & bit) != 0)
                matching.Add(rules[i]);
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
            rule.EnterDocument(_context, document);
        foreach (var definition in document.Definitions)
        {
            foreach (var rule in _enterDefinition)
                rule.EnterDefinition(_context, definition);
            if (definition is ExecutableDefinitionNode executable)
                WalkDefinition(executable);
        }

        foreach (var rule in _leaveDocument)
            rule.LeaveDocument(_context, document);
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
        var root = _context.Schema.GetRootType(operation.Operation);
        _context.Type = root;
        foreach (var rule in _enterOperation)
            rule.EnterOperation(_context, operation);
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
            rule.LeaveOperation(_context, operation);
        _context.Type = null;
    }

    private void WalkFragment(FragmentDefinitionNode fragment)
    {
        var type = _context.Schema.GetType(fragment.TypeCondition.Name.Value);
        _context.Type = type;
        foreach (var rule in _enterFragmentDefinition)
            rule.EnterFragmentDefinition(_context, fragment);
        WalkNamedType(fragment.TypeCondition);
        WalkDirectives(fragment, fragment.Directives, DirectiveLocations.FragmentDefinition);
        WalkSelectionSet(fragment.SelectionSet, type);
        _context.Type = null;
    }

    private void WalkVariableDefinition(VariableDefinitionNode variable)
    {
        foreach (var rule in _enterVariableDefinition)
            rule.EnterVariableDefinition(_context, variable);
        WalkTypeReference(variable.Type);
        if (variable.DefaultValue is not null)
        {
            var saved = (_context.InputType, _context.InputHasDefault);
            _context.InputType = TypeFromAst.Resolve(_context.Schema, variable.Type);
            _context.InputHasDefault = false;
            WalkValue(variable.DefaultValue);
            (_context.InputType, _context.InputHasDefault) = saved;
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
            rule.EnterNamedType(_context, named);
    }

    private void WalkSelectionSet(SelectionSetNode selectionSet, GraphQLType? type)
    {
        var savedParent = _context.ParentType;
        var named = type?.NamedType;
        _context.ParentType = named is ComplexType or UnionType ? named : null;
        foreach (var rule in _enterSelectionSet)
            rule.EnterSelectionSet(_context, selectionSet);
        foreach (var selection in selectionSet.Selections)
        {
            _context.Spend();
            switch (selection)
            {
                case FieldNode field: WalkField(field); break;
                case InlineFragmentNode inline: WalkInlineFragment(inline); break;
                case FragmentSpreadNode spread:
                    foreach (var rule in _enterFragmentSpread)
                        rule.EnterFragmentSpread(_context, spread);
                    WalkDirectives(spread, spread.Directives, DirectiveLocations.FragmentSpread);
                    break;
            }
        }

        _context.ParentType = savedParent;
    }

    private void WalkField(FieldNode field)
    {
        var saved = (_context.FieldDefinition, _context.Type);
        var definition = _context.ParentType is { } parent ? IntrospectionSchema.GetField(_context.Schema, parent, field.Name.Value, includeTypename: true) : null;
        _context.FieldDefinition = definition;
        _context.Type = definition?.Type;
        foreach (var rule in _enterField)
            rule.EnterField(_context, field);
        WalkArguments(field, field.Arguments, definition?.Arguments);
        WalkDirectives(field, field.Directives, DirectiveLocations.Field);
        if (field.SelectionSet is not null)
            WalkSelectionSet(field.SelectionSet, definition?.Type);
        foreach (var rule in _leaveField)
            rule.LeaveField(_context, field);
        (_context.FieldDefinition, _context.Type) = saved;
    }

    private void WalkInlineFragment(InlineFragmentNode inline)
    {
        var savedType = _context.Type;
        var type = inline.TypeCondition is null ? _context.ParentType : _context.Schema.GetType(inline.TypeCondition.Name.Value);
        _context.Type = type;
        foreach (var rule in _enterInlineFragment)
            rule.EnterInlineFragment(_context, inline);
        if (inline.TypeCondition is not null)
            WalkNamedType(inline.TypeCondition);
        WalkDirectives(inline, inline.Directives, DirectiveLocations.InlineFragment);
        WalkSelectionSet(inline.SelectionSet, type);
        _context.Type = savedType;
    }

    private void WalkDirectives(SyntaxNode owner, IReadOnlyList<DirectiveNode> directives, string location)
    {
        if (directives.Count == 0)
            return;
        var saved = (_context.Directive, _context.DirectiveLocation);
        _context.DirectiveLocation = location;
        foreach (var rule in _enterDirectives)
            rule.EnterDirectives(_context, owner, directives);
        foreach (var directive in directives)
        {
            var definition = _context.Schema.GetDirective(directive.Name.Value);
            _context.Directive = definition;
            foreach (var rule in _enterDirective)
                rule.EnterDirective(_context, directive);
            WalkArguments(directive, directive.Arguments, definition?.Arguments);
            _context.Directive = null;
        }

        (_context.Directive, _context.DirectiveLocation) = saved;
    }

    private void WalkArguments(SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments, IReadOnlyList<InputValueDefinition>? definitions)
    {
        if (arguments.Count == 0)
            return;
        foreach (var rule in _enterArguments)
            rule.EnterArguments(_context, owner, arguments);
        foreach (var argument in arguments)
        {
            _context.Spend();
            var saved = (_context.Argument, _context.InputType, _context.InputHasDefault, _context.ParentInputType);
            InputValueDefinition? definition = null;
            foreach (var candidate in definitions ?? [])
            {
                if (candidate.Name == argument.Name.Value)
                    definition = candidate;
            }

            _context.Argument = definition;
            _context.InputType = definition?.Type;
            _context.InputHasDefault = definition?.HasDefaultValue ?? false;
            _context.ParentInputType = null;
            foreach (var rule in _enterArgument)
                rule.EnterArgument(_context, argument);
            WalkValue(argument.Value);
            (_context.Argument, _context.InputType, _context.InputHasDefault, _context.ParentInputType) = saved;
        }
    }

    private void WalkValue(ValueNode value)
    {
        _context.Spend();
        foreach (var rule in _enterValue)
            rule.EnterValue(_context, value);
        var saved = (_context.InputType, _context.InputHasDefault, _context.ParentInputType);
        switch (value)
        {
            case ListValueNode list:
                var listType = _context.InputType?.Nullable;
                _context.ParentInputType = listType;
                _context.InputType = listType is ListType l ? l.OfType : listType;
                _context.InputHasDefault = false;
                foreach (var item in list.Values)
                    WalkValue(item);
                break;
            case ObjectValueNode obj:
                var objectType = _context.InputType?.NamedType as InputObjectType;
                _context.ParentInputType = _context.InputType;
                foreach (var field in obj.Fields)
                {
                    var definition = objectType?.GetField(field.Name.Value);
                    _context.InputType = definition?.Type;
                    _context.InputHasDefault = definition?.HasDefaultValue ?? false;
                    WalkValue(field.Value);
                }

                break;
        }

        (_context.InputType, _context.InputHasDefault, _context.ParentInputType) = saved;
    }
}
