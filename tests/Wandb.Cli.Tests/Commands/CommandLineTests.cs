using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

[TestClass]
public sealed class CommandLineTests
{
    private static readonly string[] Commands = { "report", "ls", "ui", "merge", "export", "import", "baseline", "gate", "prune" };

    [TestMethod]
    public async Task Every_command_answers_help_with_its_options_and_exit_code_0()
    {
        foreach (var command in Commands)
        {
            var run = await CliRun.RunAsync(Path.GetTempPath(), null, command, "--help");

            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Output, "Usage:", run.ToString());
            StringAssert.Contains(run.Output, $"dotnet-wandb {command}", run.ToString());
        }

        var root = await CliRun.RunAsync(Path.GetTempPath(), null, "--help");
        foreach (var command in Commands)
        {
            StringAssert.Contains(root.Output, command, root.ToString());
        }
    }

    [TestMethod]
    public async Task The_live_page_and_the_report_file_show_the_same_runs_in_full_by_default()
    {
        var ui = await CliRun.RunAsync(Path.GetTempPath(), null, "ui", "--help");
        var report = await CliRun.RunAsync(Path.GetTempPath(), null, "report", "--help");

        StringAssert.Contains(ui.Output, "Default: 5000.", ui.ToString());
        StringAssert.Contains(report.Output, "Default: 5000.", report.ToString());
    }

    [TestMethod]
    [DataRow(new[] { "ls", "--state", "sleeping" }, "--state: 'sleeping' is not a run state")]
    [DataRow(new[] { "ui", "--port", "70000" }, "--port: '70000' is not a port")]
    [DataRow(new[] { "ui", "--host", "db.example" }, "--host: 'db.example' is not an IP address")]
    [DataRow(new[] { "export", "--out", "x", "--format", "mlflow" }, "--format: 'mlflow' is not a format")]
    [DataRow(new[] { "export" }, "Option '--out' is required")]
    [DataRow(new[] { "report", "--group-by", "" }, "--group-by: '' is not a grouping key")]
    [DataRow(new[] { "gate", "--rule", "accuracy;Tolerance=lots" }, "--rule 'accuracy;Tolerance=lots': WandbGate accuracy: Tolerance 'lots' is not a number")]
    [DataRow(new[] { "gate", "--rule", "accuracy;Speed=1" }, "--rule 'accuracy;Speed=1': 'Speed' is not a rule field")]
    [DataRow(new[] { "gate" }, "Option '--rule' is required")]
    [DataRow(new[] { "ls", "--colour" }, "'--colour'")]
    [DataRow(new[] { "ls", "--metric", "loss" }, "--metric: only with --groups")]
    [DataRow(new[] { "frobnicate" }, "'frobnicate'")]
    public async Task A_bad_command_line_is_one_error_line_naming_the_option_and_value_with_exit_code_2(string[] args, string expected)
    {
        var run = await CliRun.RunAsync(Path.GetTempPath(), null, args);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Length, run.ToString());
        StringAssert.StartsWith(lines[0], "dotnet wandb: error: ");
        StringAssert.Contains(lines[0], expected, run.ToString());
        Assert.AreEqual(string.Empty, run.Output, "nothing on standard output");
    }

    [TestMethod]
    public async Task A_token_that_is_too_short_is_refused_without_repeating_it()
    {
        var run = await CliRun.RunAsync(Path.GetTempPath(), null, "ui", "--token", "hunter2");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--token: the value given is not a usable token");
        Assert.IsFalse(run.Error.Contains("hunter2", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public async Task A_connection_string_that_Npgsql_refuses_is_named_by_its_option_and_its_password_is_never_printed()
    {
        var run = await CliRun.RunAsync(Path.GetTempPath(), null, "ls", "--store", "Host=db.example;Password=hunter2;Frobnication Level=9");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "dotnet wandb: error: --store is not a valid PostgreSQL connection string");
        Assert.IsFalse((run.Output + run.Error).Contains("hunter2", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public async Task WANDB_STORE_that_is_not_a_connection_string_is_an_error_naming_the_variable()
    {
        var run = await CliRun.RunAsync(Path.GetTempPath(), new Dictionary<string, string?> { ["WANDB_STORE"] = "/some/folder" }, "ls");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "WANDB_STORE must be a PostgreSQL connection string");
    }

    [TestMethod]
    public async Task A_store_folder_that_does_not_exist_fails_with_exit_code_1_naming_the_folder_and_where_it_came_from()
    {
        using var stores = new TempStores();
        var missing = stores.PathOf("no-such-store");

        var given = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "no-such-store");
        var fromVariable = await CliRun.RunAsync(stores.Root, new Dictionary<string, string?> { ["WANDB_DIR"] = missing }, "report");

        Assert.AreEqual(ExitCodes.Failed, given.ExitCode, given.ToString());
        StringAssert.Contains(given.Error, $"There is no run store at {missing} (from --store)");
        Assert.AreEqual(ExitCodes.Failed, fromVariable.ExitCode, fromVariable.ToString());
        StringAssert.Contains(fromVariable.Error, $"There is no run store at {missing} (from WANDB_DIR)");
    }

    [TestMethod]
    public async Task Without_store_the_tool_uses_WANDB_DIR()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-env");

        var run = await CliRun.RunAsync(Path.GetTempPath(), new Dictionary<string, string?> { ["WANDB_DIR"] = stores.PathOf("store") }, "ls");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "cv-env");
    }
}
