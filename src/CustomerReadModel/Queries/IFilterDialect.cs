namespace Crm.CustomerReadModel.Queries;

/// <summary>The filter conditions whose SQL differs between the stores: those that look into a JSON column.</summary>
internal interface IFilterDialect
{
    /// <summary>The condition "the tags column holds one of the tags" given their placeholders.</summary>
    string TagsAny(string placeholders);

    /// <summary>The condition "the custom field named by the key's placeholder holds the value's".</summary>
    string CustomFieldEquals(string key, string value);
}
