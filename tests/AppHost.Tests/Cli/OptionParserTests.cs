using Crm.AppHost.Cli;

namespace AppHost.Tests.Cli;

public sealed class OptionParserTests
{
    private const string Cwd = "/home/user/crm";

    [Fact]
    public void Defaults_are_a_crm_data_folder_under_the_current_directory_port_5080_and_one_silo()
    {
        var options = OptionParser.Parse([], Cwd);

        Assert.Equal(new AppHostOptions("/home/user/crm/.crm-data", 5080, 1), options);
    }

    [Fact]
    public void Every_option_can_be_given_as_separate_or_inline_value()
    {
        Assert.Equal(new AppHostOptions("/tmp/data", 6000, 3), OptionParser.Parse(["--data", "/tmp/data", "--port", "6000", "--silos", "3"], Cwd));
        Assert.Equal(new AppHostOptions("/tmp/data", 6000, 3), OptionParser.Parse(["--data=/tmp/data", "--port=6000", "--silos=3"], Cwd));
    }

    [Theory]
    [InlineData("sqlite", StorageMode.Sqlite)]
    [InlineData("postgres", StorageMode.Postgres)]
    [InlineData("azure", StorageMode.Azure)]
    public void The_storage_mode_is_sqlite_unless_chosen(string mode, StorageMode expected)
    {
        Assert.Equal(StorageMode.Sqlite, OptionParser.Parse([], Cwd)!.Storage);
        Assert.Equal(expected, OptionParser.Parse(["--storage", mode], Cwd)!.Storage);
    }

    [Fact]
    public void An_existing_postgres_server_is_taken_as_given()
    {
        var options = OptionParser.Parse(["--storage=postgres", "--postgres", "Host=db;Port=5432;Username=crm;Password=x;Database=crm"], Cwd)!;

        Assert.Equal(StorageMode.Postgres, options.Storage);
        Assert.Equal("Host=db;Port=5432;Username=crm;Password=x;Database=crm", options.PostgresConnectionString);
    }

    [Fact]
    public void One_cell_unless_more_are_asked_for()
    {
        Assert.Equal(1, OptionParser.Parse([], Cwd)!.CellCount);
        Assert.Equal(2, OptionParser.Parse(["--cells", "2"], Cwd)!.CellCount);
    }

    [Fact]
    public void A_relative_data_folder_is_resolved_against_the_current_directory()
    {
        Assert.Equal("/home/user/crm/state/one", OptionParser.Parse(["--data", "state/one"], Cwd)!.DataDirectory);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_returns_no_options(string flag) => Assert.Null(OptionParser.Parse(["--port", "1", flag], Cwd));

    [Theory]
    [InlineData(new[] { "--port", "0" }, "--port expects a whole number from 1 to 65535, but got '0'")]
    [InlineData(new[] { "--port", "70000" }, "--port expects a whole number from 1 to 65535, but got '70000'")]
    [InlineData(new[] { "--port", "abc" }, "but got 'abc'")]
    [InlineData(new[] { "--port", "-5" }, "--port expects a whole number from 1 to 65535, but got '-5'")]
    [InlineData(new[] { "--port", "--silos", "2" }, "--port needs a value, e.g. --port 5080")]
    [InlineData(new[] { "--silos", "0" }, "--silos expects a whole number from 1 to 16, but got '0'")]
    [InlineData(new[] { "--silos", "17" }, "but got '17'")]
    [InlineData(new[] { "--data" }, "--data needs a value, e.g. --data /tmp/crm-data")]
    [InlineData(new[] { "--data=" }, "--data needs a value")]
    [InlineData(new[] { "--port", "1", "--port", "2" }, "--port was given twice")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'. Known options: --data, --port, --silos, --storage, --postgres, --cells, --help.")]
    [InlineData(new[] { "--storage", "mysql" }, "--storage expects sqlite, postgres or azure, but got 'mysql'.")]
    [InlineData(new[] { "--storage" }, "--storage needs a value, e.g. --storage postgres")]
    [InlineData(new[] { "--postgres", "Host=db" }, "--postgres names an existing PostgreSQL server, which only --storage postgres uses")]
    [InlineData(new[] { "--storage", "azure", "--postgres", "Host=db" }, "add --storage postgres or leave --postgres out")]
    [InlineData(new[] { "5080" }, "unknown option '5080'")]
    [InlineData(new[] { "--cells", "5" }, "--cells expects a whole number from 1 to 4, but got '5'")]
    [InlineData(new[] { "--cells", "2", "--storage", "postgres" }, "--cells above 1 works with --storage sqlite only")]
    public void Bad_input_is_refused_with_a_message_saying_what_is_wrong(string[] args, string expected)
    {
        var error = Assert.Throws<OptionsException>(() => OptionParser.Parse(args, Cwd));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
