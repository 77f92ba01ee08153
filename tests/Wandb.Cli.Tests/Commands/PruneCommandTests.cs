using System.Text.Json.Nodes;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

/// <summary>prune on real folder stores: the retention engine of the WandbRetention... properties through the command line.</summary>
[TestClass]
public sealed class PruneCommandTests
{
    [TestMethod]
    public async Task A_dry_run_lists_the_groups_outside_the_limit_and_deletes_nothing_then_prune_deletes_them_and_rewrites_the_report()
    {
        using var stores = new TempStores();
        var oldest = new[] { stores.AddRun("store", "cv-1"), stores.AddRun("store", "cv-1") };
        var older = stores.AddRun("store", "cv-2");
        var latest = stores.AddRun("store", "cv-3");

        var dry = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store", "--keep-groups", "1", "--dry-run");
        var listedAfterDryRun = await ListedIds(stores);
        var pruned = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store", "--keep-groups", "1");

        Assert.AreEqual(ExitCodes.Success, dry.ExitCode, dry.ToString());
        StringAssert.StartsWith(dry.Output, "Retention (dry run): would delete 3 run(s) of 2 group(s)");
        StringAssert.Contains(dry.Output, $"churn / cv-1: {string.Join(", ", oldest.OrderBy(id => id, StringComparer.Ordinal))}");
        StringAssert.Contains(dry.Output, $"churn / cv-2: {older}");
        Assert.AreEqual(4, listedAfterDryRun.Count, "a dry run deletes nothing");

        Assert.AreEqual(ExitCodes.Success, pruned.ExitCode, pruned.ToString());
        StringAssert.StartsWith(pruned.Output, "Retention: deleted 3 run(s) of 2 group(s)");
        CollectionAssert.AreEqual(new[] { latest }, (await ListedIds(stores)).ToArray());
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(stores.PathOf("store"), "report", "runs.json")))!;
        CollectionAssert.AreEqual(new[] { latest }, report["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray(), "the report no longer lists the deleted runs");
    }

    [TestMethod]
    public async Task The_auto_baseline_group_and_groups_named_with_keep_group_stay_whatever_the_limit()
    {
        using var stores = new TempStores();
        var old = stores.AddRun("store", "cv-old");
        var named = stores.AddRun("store", "cv-named");
        var baseline = stores.AddRun("store", "cv-good");
        var current = new[] { stores.AddRun("store", "cv-broken"), stores.AddRun("store", "cv-broken", exitCode: 1) };

        var pruned = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store", "--keep-groups", "1", "--keep-group", "cv-named");

        Assert.AreEqual(ExitCodes.Success, pruned.ExitCode, pruned.ToString());
        StringAssert.StartsWith(pruned.Output, "Retention: deleted 1 run(s) of 1 group(s)");
        StringAssert.Contains(pruned.Output, $"churn / cv-old: {old}");
        CollectionAssert.AreEquivalent(
            current.Append(named).Append(baseline).ToList(),
            await ListedIds(stores),
            "cv-good is the latest group whose runs all finished: auto compares the next build with it");
    }

    [TestMethod]
    public async Task Project_limits_pruning_to_one_project()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        var otherOld = stores.AddRun("store", "cv-1", project: "other");
        var churnLatest = stores.AddRun("store", "cv-2");
        var otherLatest = stores.AddRun("store", "cv-2", project: "other");

        var pruned = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store", "--keep-groups", "1", "--project", "churn", "--no-report");

        Assert.AreEqual(ExitCodes.Success, pruned.ExitCode, pruned.ToString());
        StringAssert.StartsWith(pruned.Output, "Retention: deleted 1 run(s) of 1 group(s)");
        CollectionAssert.AreEquivalent(new[] { otherOld, churnLatest, otherLatest }, await ListedIds(stores));
        Assert.IsFalse(Directory.Exists(Path.Combine(stores.PathOf("store"), "report")), "--no-report writes no report");
    }

    [TestMethod]
    public async Task Prune_without_a_limit_or_with_a_limit_below_one_is_a_usage_error_naming_the_option()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");

        var none = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store");
        var zero = await CliRun.RunAsync(stores.Root, null, "prune", "--store", "store", "--keep-days", "0");

        Assert.AreEqual(ExitCodes.Usage, none.ExitCode, none.ToString());
        StringAssert.StartsWith(none.Error, "dotnet wandb: error: give --keep-days, --keep-groups or both");
        Assert.AreEqual(ExitCodes.Usage, zero.ExitCode, zero.ToString());
        StringAssert.Contains(zero.Error, "--keep-days: '0' must be at least 1.");
        Assert.AreEqual(1, (await ListedIds(stores)).Count, "nothing deleted");
    }

    private static async Task<List<string>> ListedIds(TempStores stores)
    {
        var ls = await CliRun.RunAsync(stores.Root, null, "ls", "--store", "store", "--json");
        Assert.AreEqual(ExitCodes.Success, ls.ExitCode, ls.ToString());
        return JsonNode.Parse(ls.Output)!["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
    }
}
