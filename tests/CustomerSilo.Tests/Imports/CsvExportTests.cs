using Crm.CustomerCsv.Export;
using Crm.CustomerCsv.Import;
using Crm.CustomerReadModel.Queries;
using Sylvan.Data.Csv;

namespace CustomerSilo.Tests.Imports;

/// <summary>The export of a filtered list, paged through the real SQLite read model.</summary>
public sealed class CsvExportTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    [Fact]
    public async Task The_export_holds_exactly_the_filtered_customers_across_many_pages()
    {
        var tenant = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        // 750 customers: every third (250) is a VIP in Germany, so the filtered list spans pages of 100; others are VIPs in France.
        var file = "name,email,country,tags\n" + string.Concat(Enumerable.Range(1, 750).Select(i =>
            $"\"Customer, {i}\",c{i}@example.com,{(i % 3 == 0 ? "DE" : "FR")},{(i % 3 == 0 || i % 5 == 0 ? "vip" : "regular")}\n"));
        await new CsvImporter(crm.Cluster.Client).RunAsync(tenant, "export-source", new StringReader(file), ColumnMapping.Default);
        await new CsvImporter(crm.Cluster.Client).RunAsync(other, "export-source", new StringReader(file), ColumnMapping.Default);

        var output = new StringWriter();
        var written = await CustomerCsvExport.WriteAsync(
            crm.ReadModel, tenant, new CustomerFilter { TagsAny = ["vip"], Country = "DE" }, CustomerSort.Default, output);

        var rows = Read(output.ToString());
        var expected = Enumerable.Range(1, 750).Where(i => i % 3 == 0).Select(i => $"c{i}@example.com").Order().ToList();
        Assert.Equal(expected.Count, written);
        Assert.Equal(expected, rows.Select(r => r["email"]).Order());
        Assert.Equal(rows.Count, rows.Select(r => r["id"]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(("DE", "vip", "AWARENESS"), (r["country"], r["tags"], r["stage"])));
        Assert.Contains(rows, r => r["name"] == "Customer, 3");
    }

    private static List<Dictionary<string, string>> Read(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv));
        Assert.Equal(CustomerCsvExport.Columns, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetString));
        return rows;
    }
}
