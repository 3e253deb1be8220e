using System.Text;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Customers;

/// <summary>Custom fields a tenant defines, through the gateway: its customers' values are checked and normalized by type.</summary>
[Collection(SystemCollection.Name)]
public sealed class CustomFieldTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Define = """
        mutation($f: [CustomFieldDefinitionInput!]) {
          updateTenantSettings(input: { customFields: $f }) { settings { customFields { key label type choices } } errors { message path } }
        }
        """;

    private const string Create = """
        mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { customFields } errors { __typename message path } } }
        """;

    private CrmClient Client => system.Client;

    [Fact]
    public async Task A_tenants_customers_hold_the_custom_fields_it_defines_each_value_in_its_types_form()
    {
        var tenant = await Client.SignUpAsync("Custom Fields Co");
        var (_, defined) = await Client.GraphQLAsync(tenant.ApiKey, Define, new
        {
            f = new object[]
            {
                new { key = "vip", type = "BOOLEAN" },
                new { key = "segment", label = "Segment", type = "CHOICE", choices = new[] { "Retail", "Wholesale" } },
            },
        });
        var fields = defined["data"]!["updateTenantSettings"]!["settings"]!["customFields"]!.AsArray();
        Assert.Equal(["vip BOOLEAN vip", "segment CHOICE Segment"], fields.Select(f => $"{f!["key"]} {f["type"]} {f["label"]}"));

        var (_, created) = await Client.GraphQLAsync(tenant.ApiKey, Create, new { i = new { name = "Ada", customFields = new { vip = "yes", segment = "retail" } } });
        Assert.Equal("""{"segment":"Retail","vip":"true"}""", created["data"]!["createCustomer"]!["customer"]!["customFields"]!.ToJsonString());

        var (_, refused) = await Client.GraphQLAsync(tenant.ApiKey, Create, new { i = new { name = "Bob", customFields = new { segment = "Government" } } });
        var error = refused["data"]!["createCustomer"]!["errors"]![0]!;
        Assert.Equal(("ValidationError", """["input","customFields","segment"]"""), ((string?)error["__typename"], error["path"]!.ToJsonString()));
        Assert.Contains("Retail, Wholesale", (string?)error["message"]);
        Assert.Null(refused["data"]!["createCustomer"]!["customer"]);
    }

    [Fact]
    public async Task Customers_filter_by_custom_fields_in_their_stored_form()
    {
        var tenant = await Client.SignUpAsync("Filtered Fields Co");
        await Client.GraphQLAsync(tenant.ApiKey, Define, new
        {
            f = new object[]
            {
                new { key = "vip", type = "BOOLEAN" },
                new { key = "segment", type = "CHOICE", choices = new[] { "Retail", "Wholesale" } },
            },
        });
        foreach (var (name, vip, segment) in new[] { ("Ada", "yes", "retail"), ("Bob", "no", "Retail"), ("Cy", "1", "Wholesale") })
            await Client.GraphQLAsync(tenant.ApiKey, Create, new { i = new { name, customFields = new { vip, segment } } });

        async Task<string[]> NamesAsync(object where)
        {
            var (_, page) = await Client.GraphQLAsync(tenant.ApiKey,
                "query($w: CustomerFilterInput) { customers(where: $w, order: { field: NAME }) { totalCount edges { node { name } } } }", new { w = where });
            var customers = page["data"]!["customers"]!;
            var names = customers["edges"]!.AsArray().Select(e => (string)e!["node"]!["name"]!).ToArray();
            Assert.Equal(names.Length, (int)customers["totalCount"]!);
            return names;
        }

        // "yes" and "1" were stored as true: the filter takes the stored form, a JSON boolean included.
        Assert.Equal(["Ada", "Cy"], await NamesAsync(new { customFields = new { vip = true } }));
        Assert.Equal(["Ada"], await NamesAsync(new { customFields = new { vip = "true", segment = "Retail" } }));
        Assert.Empty(await NamesAsync(new { customFields = new { segment = "Government" } }));
        // A segment takes the same rule: its count and members are whoever matches it now.
        var (_, vips) = await Client.GraphQLAsync(tenant.ApiKey,
            "mutation($w: CustomerFilterInput!) { createSegment(input: {name: \"VIPs\", where: $w}) { segment { memberCount members(order: { field: NAME }) { edges { node { name } } } } errors { message } } }",
            new { w = new { customFields = new { vip = true } } });
        var created = vips["data"]!["createSegment"]!["segment"]!;
        Assert.Equal(2, (int)created["memberCount"]!);
        Assert.Equal(["Ada", "Cy"], created["members"]!["edges"]!.AsArray().Select(e => (string)e!["node"]!["name"]!));
        // Another tenant with the same fields and values sees only its own.
        var other = await Client.SignUpAsync("Other Fields Co");
        var (_, foreign) = await Client.GraphQLAsync(other.ApiKey,
            "query($w: CustomerFilterInput) { customers(where: $w) { totalCount } }", new { w = new { customFields = new { vip = true } } });
        Assert.Equal(0, (int)foreign["data"]!["customers"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_bad_definition_is_a_typed_error_on_its_field_and_changes_nothing()
    {
        var tenant = await Client.SignUpAsync("Careless Fields Co");

        var (_, refused) = await Client.GraphQLAsync(tenant.ApiKey, Define, new { f = new object[] { new { key = "pick", type = "CHOICE" } } });

        var error = refused["data"]!["updateTenantSettings"]!["errors"]![0]!;
        Assert.Equal("""["input","customFields","0","choices"]""", error["path"]!.ToJsonString());
        var (_, settings) = await Client.GraphQLAsync(tenant.ApiKey, "{ tenantSettings { customFields { key } } }");
        Assert.Empty(settings["data"]!["tenantSettings"]!["customFields"]!.AsArray());
    }

    [Fact]
    public async Task An_import_checks_custom_columns_against_the_definitions_row_by_row()
    {
        var tenant = await Client.SignUpAsync("Imported Fields Co");
        await Client.GraphQLAsync(tenant.ApiKey, Define, new { f = new object[] { new { key = "vip", type = "BOOLEAN" } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/fields")
        {
            Content = new StringContent("name,custom.vip\nAda,yes\nBob,maybe\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Authorization = new("Bearer", tenant.ApiKey);

        using var response = await Client.SendAsync(request);

        var progress = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, progress.ToJsonString());
        Assert.Equal((1, 1), ((int)progress["created"]!, (int)progress["failed"]!));
        Assert.Equal(("customFields.vip", 2), ((string?)progress["errors"]![0]!["field"], (int)progress["errors"]![0]!["row"]!));
    }
}
