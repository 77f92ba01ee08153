using System.Text.Json.Nodes;
using Npgsql;

namespace Wandb.EndToEnd.Tests.Cli;

/// <summary>The dotnet wandb tool installed from the packed feed into a local tool manifest, each command run as a user runs it.</summary>
[TestClass]
public sealed class ToolCommandTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Every_command_works_on_folder_stores()
    {
        using var tool = ToolWorkspace.Install("cli-folder");
        tool.WriteRun("job-1/wandb", "fold-0", "cv-tool", "finished", 0, 0.3);
        tool.WriteRun("job-2/wandb", "fold-1", "cv-tool", "failed", 2, 0.4);
        tool.WriteRun("job-2/wandb", "eval-0", "cv-eval", "finished", 0, 0.2);

        var help = tool.Wandb("--help");
        var merge = tool.Wandb("merge job-1 job-2 --store store");
        var table = tool.Wandb("ls --store store");
        var json = tool.Wandb("ls --store store --json --group cv-tool");
        var report = tool.Wandb("report --store store --out report --group-by job_type");
        var export = tool.Wandb("export --format wandb --out exported --store store");
        var import = tool.Wandb("import exported --store imported");
        var imported = tool.Wandb("ls --store imported --json");
        var usage = tool.Wandb("ls --store store --state sleeping");
        var save = tool.Wandb("baseline save --store store --group cv-eval --file baselines/eval.json");
        var gate = tool.Wandb("gate --store store --group cv-tool --baseline baselines/eval.json --rule \"loss;Max=0.25\"");
        var warned = tool.Wandb("gate --store store --group cv-tool --baseline baselines/eval.json --rule \"loss;Max=0.25\" --warn");
        var prune = tool.Wandb("prune --store store --keep-days 1 --dry-run");

        Assert.AreEqual(0, help.ExitCode, help.ToString());
        foreach (var command in new[] { "report", "ls", "ui", "merge", "export", "import", "baseline", "gate", "prune" })
        {
            StringAssert.Contains(help.StandardOutput, command, help.ToString());
        }

        Assert.AreEqual(0, merge.ExitCode, merge.ToString());
        StringAssert.Contains(merge.StandardOutput, "Merged 2 store(s) into " + Path.Combine(tool.Root, "store") + ": 3 run(s) added");
        Assert.AreEqual(0, table.ExitCode, table.ToString());
        StringAssert.Contains(table.StandardOutput, "3 runs in 2 groups");
        StringAssert.Contains(table.StandardOutput, "cv-tool  (2 runs: 1 finished, 1 failed)");
        Assert.AreEqual(0, json.ExitCode, json.ToString());
        var runs = JsonNode.Parse(json.StandardOutput)!["runs"]!.AsArray();
        CollectionAssert.AreEquivalent(new[] { "fold-0", "fold-1" }, runs.Select(r => r!["id"]!.GetValue<string>()).ToList());
        Assert.AreEqual(0, report.ExitCode, report.ToString());
        foreach (var file in new[] { "index.html", "runs.json", "summary.md" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(tool.Root, "report", file)), file);
        }

        Assert.AreEqual(0, export.ExitCode, export.ToString());
        StringAssert.Contains(export.StandardOutput, "Exported 3 run(s) with 9 history row(s)");
        Assert.IsTrue(File.Exists(Path.Combine(tool.Root, "exported", "offline-run-20261129_100000-fold-1", "run-fold-1.wandb")));
        Assert.AreEqual(0, import.ExitCode, import.ToString());
        StringAssert.Contains(import.StandardOutput, "3 run(s) added");
        var back = JsonNode.Parse(imported.StandardOutput)!["runs"]!.AsArray();
        Assert.AreEqual("failed", back.Single(r => r!["id"]!.GetValue<string>() == "fold-1")!["state"]!.GetValue<string>());
        Assert.AreEqual(2, usage.ExitCode, usage.ToString());
        StringAssert.Contains(usage.StandardError, "dotnet wandb: error: --state: 'sleeping' is not a run state");
        Assert.AreEqual(0, save.ExitCode, save.ToString());
        Assert.AreEqual("cv-eval", JsonNode.Parse(File.ReadAllText(Path.Combine(tool.Root, "baselines", "eval.json")))!["group"]!.GetValue<string>());
        Assert.AreEqual(4, gate.ExitCode, gate.ToString());
        StringAssert.Contains(gate.StandardOutput, "wandb gate: compared with the baseline file baselines/eval.json (group cv-eval)");
        StringAssert.Contains(gate.StandardOutput, "wandb: error WANDB202: loss of job type fold in group cv-tool: above_max");
        Assert.AreEqual(0, warned.ExitCode, warned.ToString());
        StringAssert.Contains(warned.StandardOutput, "wandb: warning WANDB202: loss of job type fold in group cv-tool: above_max");
        Assert.AreEqual(0, prune.ExitCode, prune.ToString());
        StringAssert.StartsWith(prune.StandardOutput, "Retention (dry run): would delete 2 run(s) of 1 group(s)", "cv-eval, the auto baseline (its runs all finished), stays");
        StringAssert.Contains(prune.StandardOutput, "churn / cv-tool: fold-0, fold-1");

        using var ui = tool.StartUi("--store store");
        using var http = new HttpClient { BaseAddress = ui.Url, Timeout = TimeSpan.FromSeconds(30) };
        var page = http.GetStringAsync("/").GetAwaiter().GetResult();
        var data = http.GetStringAsync("/api/data").GetAwaiter().GetResult();
        StringAssert.Contains(page, "<meta name=\"wandb-live\"");
        foreach (var id in new[] { "fold-0", "fold-1", "eval-0" })
        {
            CollectionAssert.Contains(PageDataRuns.Ids(data).ToList(), id, data);
        }
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Every_command_works_on_a_PostgreSQL_store_and_never_prints_its_password()
    {
        var server = System.Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES")
            ?? throw new AssertFailedException("WANDB_TEST_POSTGRES is not set: run the tests through build/test.sh, which starts PostgreSQL.");
        var builder = new NpgsqlConnectionStringBuilder(server);
        var password = builder.Password!;
        var schema = "cli_e2e_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Execute(server, $"CREATE SCHEMA {schema}");
        var store = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        try
        {
            using var tool = ToolWorkspace.Install("cli-postgres");
            tool.WriteRun("job-1/wandb", "fold-0", "cv-db", "finished", 0, 0.3);
            tool.WriteRun("job-1/wandb", "fold-1", "cv-db", "failed", 1, 0.5);
            var environment = new Dictionary<string, string?> { ["WANDB_STORE"] = store };

            var merge = tool.Wandb($"merge job-1 --store \"{store}\"");
            var table = tool.Wandb("ls", environment);
            var json = tool.Wandb($"ls --store \"{store}\" --json --state failed");
            var report = tool.Wandb($"report --store \"{store}\" --out report");
            var export = tool.Wandb("export --out exported", environment);
            var importedSchema = schema + "_in";
            Execute(server, $"CREATE SCHEMA {importedSchema}");
            var importStore = new NpgsqlConnectionStringBuilder(server) { SearchPath = importedSchema }.ConnectionString;
            var import = tool.Wandb($"import exported --store \"{importStore}\"");
            var again = tool.Wandb($"import exported --store \"{importStore}\"");
            var save = tool.Wandb("baseline save --file db-baseline.json", environment);
            var gate = tool.Wandb("gate --rule \"loss;Max=0.1\"", environment);
            var badStore = tool.Wandb($"ls --store \"Host=127.0.0.1;Port=1;Password={password};Timeout=2\"");

            foreach (var result in new[] { merge, table, json, report, export, import, again })
            {
                Assert.AreEqual(0, result.ExitCode, result.ToString());
            }

            StringAssert.Contains(merge.StandardOutput, $"Merged 1 store(s) into postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}?search_path={schema}: 2 run(s) added");
            StringAssert.Contains(table.StandardOutput, "cv-db  (2 runs: 1 finished, 1 failed)");
            Assert.AreEqual("fold-1", JsonNode.Parse(json.StandardOutput)!["runs"]!.AsArray().Single()!["id"]!.GetValue<string>());
            Assert.IsTrue(File.Exists(Path.Combine(tool.Root, "report", "index.html")));
            StringAssert.Contains(export.StandardOutput, "Exported 2 run(s) with 6 history row(s)");
            StringAssert.Contains(import.StandardOutput, "2 run(s) added");
            StringAssert.Contains(again.StandardOutput, "0 run(s) added, 0 updated, 2 already there");
            Assert.AreEqual(1, badStore.ExitCode, badStore.ToString());
            Assert.AreEqual(0, save.ExitCode, save.ToString());
            Assert.AreEqual("cv-db", JsonNode.Parse(File.ReadAllText(Path.Combine(tool.Root, "db-baseline.json")))!["group"]!.GetValue<string>());
            Assert.AreEqual(4, gate.ExitCode, gate.ToString());
            StringAssert.Contains(gate.StandardOutput, "wandb: error WANDB202: loss of job type fold in group cv-db: above_max");

            using var ui = tool.StartUi(string.Empty, environment);
            using var http = new HttpClient { BaseAddress = ui.Url, Timeout = TimeSpan.FromSeconds(30) };
            var page = http.GetStringAsync("/").GetAwaiter().GetResult();
            var data = http.GetStringAsync("/api/data").GetAwaiter().GetResult();
            CollectionAssert.Contains(PageDataRuns.Ids(data).ToList(), "fold-1", data);
            StringAssert.Contains(ui.Output, "postgresql://");

            var prune = tool.Wandb("prune --keep-days 1 --no-report", environment);
            var left = tool.Wandb("ls --json", environment);
            Assert.AreEqual(0, prune.ExitCode, prune.ToString());
            StringAssert.StartsWith(prune.StandardOutput, "Retention: deleted 2 run(s) of 1 group(s)", "cv-db has a failed run, so no auto baseline keeps it");
            Assert.AreEqual(0, JsonNode.Parse(left.StandardOutput)!["runs"]!.AsArray().Count, left.ToString());

            foreach (var text in new[] { merge.Output, table.Output, json.Output, report.Output, export.Output, import.Output, again.Output, save.Output, gate.Output, badStore.Output, ui.Output, page, data, prune.Output }
                .Concat(Directory.GetFiles(Path.Combine(tool.Root, "report")).Select(File.ReadAllText)))
            {
                Assert.IsFalse(text.Contains(password, StringComparison.Ordinal), "the password was printed:\n" + text);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP SCHEMA IF EXISTS {schema} CASCADE; DROP SCHEMA IF EXISTS {schema}_in CASCADE");
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
