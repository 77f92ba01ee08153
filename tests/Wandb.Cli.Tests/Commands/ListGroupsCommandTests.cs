using System.Text.Json.Nodes;
using Npgsql;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

[TestClass]
public sealed class ListGroupsCommandTests
{
    [TestMethod]
    public async Task Ls_groups_prints_one_row_per_group_with_states_newest_run_and_key_metrics_without_listing_runs()
    {
        using var stores = new TempStores();
        var first = stores.AddRun("store", "cv-1");
        var failed = stores.AddRun("store", "cv-1", exitCode: 1, steps: 2);
        var other = stores.AddRun("store", "cv-2", jobType: "eval", project: "vision");

        var run = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--groups");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "2 groups of 3 runs · ");
        StringAssert.Matches(lines[1], new System.Text.RegularExpressions.Regex(@"^  GROUP +PROJECT +RUNS +STATES +NEWEST \(UTC\) +accuracy \(n: mean ± std\) +loss \(n: mean ± std\)$"));
        StringAssert.Matches(lines[2], new System.Text.RegularExpressions.Regex(@"^  cv-1 +churn +2 +1 finished, 1 failed +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +2: 0\.25 ± 0\.212 +2: 0\.35 ± 0\.212$"));
        StringAssert.Matches(lines[3], new System.Text.RegularExpressions.Regex(@"^  cv-2 +vision +1 +1 finished +\S+ \S+ +1: 0\.4 +1: 0\.2$"));
        Assert.AreEqual(4, lines.Length, run.ToString());
        foreach (var id in new[] { first, failed, other })
        {
            Assert.IsFalse(run.Output.Contains(id, StringComparison.Ordinal), "no run is listed");
        }
    }

    [TestMethod]
    public async Task Ls_groups_shows_the_metrics_named_and_applies_the_filters()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        stores.AddRun("store", "cv-1", exitCode: 1);
        stores.AddRun("store", "cv-2", jobType: "eval");

        var run = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--groups", "--state", "failed", "--metric", "loss", "--metric", "f1");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "1 group of 1 run · ");
        StringAssert.EndsWith(lines[1], "loss (n: mean ± std)  f1 (n: mean ± std)");
        StringAssert.Matches(lines[2], new System.Text.RegularExpressions.Regex(@"^  cv-1 +churn +1 +1 failed +\S+ \S+ +1: 0\.2 +-$"));
    }

    [TestMethod]
    public async Task Ls_groups_json_has_each_groups_counts_and_the_statistics_of_runs_json()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        stores.AddRun("store", "cv-1", exitCode: 1, jobType: "eval");

        var run = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--groups", "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var json = JsonNode.Parse(run.Output)!;
        Assert.AreEqual(1, json["schema"]!.GetValue<int>());
        Assert.IsNotNull(json["generated_at"]);
        var group = json["groups"]!.AsArray().Single()!.AsObject();
        CollectionAssert.AreEqual(
            new[] { "project", "group", "run_count", "job_types", "states", "newest_created_at", "summary" },
            group.Select(p => p.Key).ToArray());
        Assert.AreEqual("churn", group["project"]!.GetValue<string>());
        Assert.AreEqual(2, group["run_count"]!.GetValue<int>());
        Assert.AreEqual("[\"eval\",\"fold\"]", group["job_types"]!.ToJsonString());
        Assert.AreEqual("{\"finished\":1,\"failed\":1}", group["states"]!.ToJsonString());
        var loss = group["summary"]!["loss"]!;
        Assert.AreEqual(2, loss["n"]!.GetValue<int>());
        Assert.AreEqual(0.2, loss["mean"]!.GetValue<double>(), 1e-12);
        Assert.AreEqual(0.0, loss["std"]!.GetValue<double>());
        Assert.IsNotNull(loss["ci95_high"]);
    }

    [TestMethod]
    public async Task Ls_groups_on_a_postgresql_store_prints_what_it_prints_on_the_folder_store_of_the_same_runs()
    {
        var server = System.Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new AssertFailedException("WANDB_TEST_POSTGRES is not set: run `bash build/test.sh` (or `source build/services.sh && ensure_postgres`) first.");
        var schema = "cli_groups_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Execute(server, $"CREATE SCHEMA {schema}");
        var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        try
        {
            using var stores = new TempStores();
            stores.AddRun("store", "cv-1");
            stores.AddRun("store", "cv-1", exitCode: 1, steps: 3);
            stores.AddRun("store", "cv-2", jobType: "eval", steps: 7);
            stores.AddRun("store", "cv-2", project: "vision", steps: 4);
            var merged = await CliRun.RunAsync(stores.Root, null, "merge", "store", "--store", connection, "--no-report");
            Assert.AreEqual(ExitCodes.Success, merged.ExitCode, merged.ToString());

            foreach (var extra in new[] { Array.Empty<string>(), new[] { "--json" }, new[] { "--project", "churn", "--metric", "accuracy" } })
            {
                var fromFolder = await CliRun.RunAsync(stores.Root, null, new[] { "ls", "--store", "store", "--groups" }.Concat(extra).ToArray());
                var fromDatabase = await CliRun.RunAsync(stores.Root, null, new[] { "ls", "--store", connection, "--groups" }.Concat(extra).ToArray());

                Assert.AreEqual(ExitCodes.Success, fromDatabase.ExitCode, fromDatabase.ToString());
                Assert.AreEqual(WithoutHeader(fromFolder.Output), WithoutHeader(fromDatabase.Output), string.Join(" ", extra));
                Assert.IsFalse(fromDatabase.Output.Contains("wandb-test-secret", StringComparison.Ordinal), "the password never reaches the output");
            }

            var table = await CliRun.RunAsync(stores.Root, null, "ls", "--store", connection, "--groups");
            StringAssert.StartsWith(table.Output, "3 groups of 4 runs · postgresql://");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    // The first line names the store; JSON's generation time differs by the moment.
    private static string WithoutHeader(string output) => output.StartsWith('{')
        ? System.Text.RegularExpressions.Regex.Replace(output, "\"generated_at\": \"[^\"]*\"", string.Empty)
        : output.Substring(output.IndexOf('\n', StringComparison.Ordinal));

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
