using System.Text.Json.Nodes;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

/// <summary>report, merge, export and import on real folder stores, through the command line.</summary>
[TestClass]
public sealed class StoreCommandTests
{
    [TestMethod]
    public async Task Report_writes_the_three_reports_grouped_by_the_keys_given_into_the_folder_given()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        stores.AddRun("store", "cv-2", jobType: "eval");

        var run = await CliRun.RunAsync(stores.Root, null, "report", "--store", "store", "--out", "out", "--group-by", "job_type");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var file in new[] { "index.html", "runs.json", "summary.md" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(stores.PathOf("out"), file)), file);
        }

        StringAssert.Contains(File.ReadAllText(Path.Combine(stores.PathOf("out"), "summary.md")), "## Runs by job\\_type");
        StringAssert.Contains(run.Output, "wandb: 2 run(s)");
        StringAssert.Contains(run.Output, Path.Combine(stores.PathOf("out"), "index.html"));
        StringAssert.Contains(run.Error, "Writing the reports of " + stores.PathOf("store"));
    }

    [TestMethod]
    public async Task Report_without_out_writes_into_the_stores_report_folder()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");

        var run = await CliRun.RunAsync(stores.Root, null, "report", "--store", "store", "--project", "churn");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(stores.PathOf("store"), "report", "runs.json")));
    }

    [TestMethod]
    public async Task Report_with_max_detail_runs_lists_older_groups_by_their_aggregates_and_group_shows_one_in_full()
    {
        using var stores = new TempStores();
        var old = stores.AddRun("store", "cv-old");
        var recent = stores.AddRun("store", "cv-recent");

        var bounded = await CliRun.RunAsync(stores.Root, null, "report", "--store", "store", "--max-detail-runs", "1");
        var named = await CliRun.RunAsync(stores.Root, null, "report", "--store", "store", "--out", "named", "--max-detail-runs", "1", "--group", "cv-old");

        Assert.AreEqual(ExitCodes.Success, bounded.ExitCode, bounded.ToString());
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(stores.PathOf("store"), "report", "runs.json")))!;
        CollectionAssert.AreEqual(new[] { recent }, json["runs"]!.AsArray().Select(r => (string)r!["id"]!).ToArray(), "The newest group is shown in full.");
        Assert.AreEqual(1, (int)json["omitted"]!["runs"]!);
        StringAssert.Contains(bounded.Output, "summarised only");
        Assert.AreEqual(ExitCodes.Success, named.ExitCode, named.ToString());
        var namedJson = JsonNode.Parse(File.ReadAllText(Path.Combine(stores.PathOf("named"), "runs.json")))!;
        CollectionAssert.AreEqual(new[] { old }, namedJson["runs"]!.AsArray().Select(r => (string)r!["id"]!).ToArray(), "The group named is shown in full.");
    }

    [TestMethod]
    public async Task Report_rejects_a_max_detail_runs_below_one_naming_the_option_and_the_value()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");

        var run = await CliRun.RunAsync(stores.Root, null, "report", "--store", "store", "--max-detail-runs", "0");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--max-detail-runs: '0'");
    }

    [TestMethod]
    public async Task Merge_brings_two_stores_into_one_once_and_writes_its_report()
    {
        using var stores = new TempStores();
        var a = stores.AddRun("job-1/wandb", "cv-ci");
        var b = stores.AddRun("job-2/wandb", "cv-ci");

        var first = await CliRun.RunAsync(stores.Root, null, "merge", "job-1", "job-2", "--store", "merged");
        var again = await CliRun.RunAsync(stores.Root, null, "merge", "job-1", "job-2", "--store", "merged", "--no-report");
        var missing = await CliRun.RunAsync(stores.Root, null, "merge", "job-3", "--store", "merged");

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        StringAssert.Contains(first.Output, "Merged 2 store(s) into " + stores.PathOf("merged") + ": 2 run(s) added");
        Assert.IsTrue(File.Exists(Path.Combine(stores.PathOf("merged"), "report", "index.html")));
        Assert.IsTrue(Directory.Exists(Path.Combine(stores.PathOf("merged"), "runs", a)));
        Assert.IsTrue(Directory.Exists(Path.Combine(stores.PathOf("merged"), "runs", b)));
        StringAssert.Contains(again.Output, "0 run(s) added, 0 updated, 2 already there");
        Assert.AreEqual(ExitCodes.Usage, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Error, "sources: 'job-3' does not exist");
    }

    [TestMethod]
    public async Task Export_then_import_into_another_store_gives_the_same_runs_and_importing_again_adds_nothing()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1", steps: 7);
        stores.AddRun("store", "cv-1", exitCode: 2);
        stores.AddRun("store", "cv-2");

        var export = await CliRun.RunAsync(stores.Root, null, "export", "--format", "wandb", "--out", "exported", "--store", "store", "--group", "cv-1");
        var import = await CliRun.RunAsync(stores.Root, null, "import", "exported", "--store", "imported");
        var again = await CliRun.RunAsync(stores.Root, null, "import", "exported", "--store", "imported");

        Assert.AreEqual(ExitCodes.Success, export.ExitCode, export.ToString());
        StringAssert.Contains(export.Output, "Exported 2 run(s) with 12 history row(s) to " + stores.PathOf("exported"));
        Assert.AreEqual(2, Directory.GetDirectories(stores.PathOf("exported"), "offline-run-*").Length);
        Assert.AreEqual(ExitCodes.Success, import.ExitCode, import.ToString());
        StringAssert.Contains(import.Output, "2 run(s) added");
        StringAssert.Contains(again.Output, "0 run(s) added, 0 updated, 2 already there, 0 history row(s) added");
        var original = await ListAsync(stores, "store", "cv-1");
        var copy = await ListAsync(stores, "imported", "cv-1");
        CollectionAssert.AreEquivalent(original, copy);
    }

    [TestMethod]
    public async Task Import_rejects_a_damaged_file_names_it_imports_the_others_and_exits_3()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        stores.AddRun("store", "cv-1");
        await CliRun.RunAsync(stores.Root, null, "export", "--out", "exported", "--store", "store");
        var damaged = Directory.GetFiles(stores.PathOf("exported"), "*.wandb", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(damaged);
        bytes[40] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        var run = await CliRun.RunAsync(stores.Root, null, "import", "exported", "--store", "imported");

        Assert.AreEqual(ExitCodes.Incomplete, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "warning WANDB121: Rejected " + damaged);
        StringAssert.Contains(run.Output, "1 run(s) added");
        StringAssert.Contains(run.Output, "1 rejected");
    }

    [TestMethod]
    public async Task Progress_goes_to_standard_error_as_plain_lines_when_redirected()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");

        var run = await CliRun.RunAsync(stores.Root, null, "export", "--out", "exported", "--store", "store");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "Exporting the runs of ");
        StringAssert.StartsWith(lines[^1], "Exported 1 run(s), last ");
        Assert.IsFalse(run.Error.Contains('\r'), "no redrawn line when redirected");
        Assert.IsFalse(run.Output.Contains("Exporting", StringComparison.Ordinal), "results stay clean");
    }

    private static async Task<List<string>> ListAsync(TempStores stores, string store, string group)
    {
        var json = JsonNode.Parse((await CliRun.RunAsync(stores.Root, null, "ls", "--store", store, "--json", "--group", group)).Output)!;
        return json["runs"]!.AsArray()
            .Select(r => string.Join("|", r!["id"], r["group"], r["job_type"], r["state"], r["exit_code"], r["config"]!.ToJsonString(), r["summary"]!.ToJsonString()))
            .ToList();
    }
}
