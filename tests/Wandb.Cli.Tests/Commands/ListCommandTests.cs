using System.Text.Json.Nodes;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

[TestClass]
public sealed class ListCommandTests
{
    [TestMethod]
    public async Task Ls_prints_each_group_with_its_state_counts_and_its_runs()
    {
        using var stores = new TempStores();
        var first = stores.AddRun("store", "cv-1");
        var second = stores.AddRun("store", "cv-1", exitCode: 1);
        var other = stores.AddRun("store", "cv-2", jobType: "eval");

        var run = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Output, "3 runs in 2 groups");
        StringAssert.Contains(run.Output, "cv-1  (2 runs: 1 finished, 1 failed)");
        StringAssert.Contains(run.Output, "cv-2  (1 run: 1 finished)");
        foreach (var id in new[] { first, second, other })
        {
            StringAssert.Contains(run.Output, id);
        }

        Assert.IsTrue(run.Output.IndexOf(other, StringComparison.Ordinal) > run.Output.IndexOf("cv-2", StringComparison.Ordinal), "runs under their group");
    }

    [TestMethod]
    public async Task Ls_json_has_the_fields_of_runs_json_and_applies_every_filter()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        var failed = stores.AddRun("store", "cv-1", exitCode: 1);
        stores.AddRun("store", "cv-2", jobType: "eval");
        stores.AddRun("store", "cv-1", project: "other");

        var all = JsonNode.Parse((await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--json")).Output)!;
        var filtered = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--json", "--project", "churn", "--group", "cv-1", "--job-type", "fold", "--state", "failed");
        var json = JsonNode.Parse(filtered.Output)!;

        Assert.AreEqual(4, all["runs"]!.AsArray().Count);
        Assert.AreEqual(1, json["schema"]!.GetValue<int>());
        Assert.IsNotNull(json["generated_at"]);
        var runs = json["runs"]!.AsArray();
        Assert.AreEqual(1, runs.Count, filtered.ToString());
        var listed = runs[0]!.AsObject();
        Assert.AreEqual(failed, listed["id"]!.GetValue<string>());
        CollectionAssert.AreEqual(
            new[] { "id", "name", "project", "group", "job_type", "state", "exit_code", "created_at", "finished_at", "tags", "notes", "config", "summary" },
            listed.Select(p => p.Key).ToArray(),
            "the fields of runs.json, in its order");
        Assert.AreEqual("failed", listed["state"]!.GetValue<string>());
        Assert.AreEqual(0.2, listed["summary"]!["loss"]!.GetValue<double>(), 1e-12);
        var group = json["groups"]!.AsArray().Single()!;
        Assert.AreEqual("cv-1", group["group"]!.GetValue<string>());
        Assert.AreEqual(1, group["summary"]!["loss"]!["n"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task A_data_driven_test_name_is_cut_in_the_table_and_whole_in_json()
    {
        using var stores = new TempStores();
        var name = "Suite.Method(customMessage: null, expectedMessage: \"" + new string('m', 150) + "\")";
        stores.AddRun("store", "cv-1", name: name);

        var table = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store");
        var json = JsonNode.Parse((await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--json")).Output)!;

        StringAssert.Contains(table.Output, name.Substring(0, 59) + "…", table.ToString());
        Assert.IsFalse(table.Output.Contains(name, StringComparison.Ordinal), "the whole name pushed every column off the screen");
        Assert.AreEqual(name, json["runs"]![0]!["name"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_run_name_with_a_terminal_escape_sequence_is_printed_inert()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1", name: "evil\u001b]0;pwned\u0007name");

        var run = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store");

        Assert.IsFalse(run.Output.Contains('\u001b'), run.ToString());
        StringAssert.Contains(run.Output, "evil?]0;pwned?name");
    }
}
