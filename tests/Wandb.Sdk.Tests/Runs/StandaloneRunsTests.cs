using System.Text.Json.Nodes;
using Wandb.Diagnostics;
using Wandb.Reports;
using Wandb.Runs;

namespace Wandb.Sdk.Tests.Runs;

/// <summary>What a program that no build or test run owns says about its runs, and the report it leaves when it ends.</summary>
[TestClass]
public sealed class StandaloneRunsTests
{
    [TestMethod]
    public void A_run_started_on_its_own_says_where_it_is_stored_and_the_end_of_the_process_refreshes_its_groups_report_once()
    {
        using var store = new TempStore();
        var standalone = new Standalone(store);

        using (var run = Run.Init(new RunOptions { Project = "churn", Group = "solo-1", Name = "first" }, standalone.Context()))
        {
            run.Log("loss", 0.5);
        }

        using (var second = Run.Init(new RunOptions { Project = "churn", Group = "solo-1" }, standalone.Context()))
        {
            second.Log("loss", 0.4);
        }

        var ids = store.Runs().Select(r => r.Id).ToList();
        Assert.HasCount(1, standalone.AtProcessEnd, "one refresh for the whole process, however many runs");
        Assert.IsFalse(File.Exists(RunsJson(store)), "nothing is refreshed before the process ends, so Init, Log and Finish stay fast");
        var first = store.Runs().Single(r => r.Name == "first").Id;
        Assert.AreEqual($"run {first} 'first' (project churn, group solo-1) is stored in {store.Root}", store.Output.Infos[0]);

        standalone.AtProcessEnd.Single()();

        CollectionAssert.AreEquivalent(ids, ReportedIds(store));
        var reportLine = store.Output.Infos[^1];
        Assert.AreEqual("report: " + new Uri(Path.Combine(store.Root, "report", "index.html")).AbsoluteUri + "#/group/solo-1", reportLine);
        Assert.HasCount(3, store.Output.Infos, string.Join("\n", store.Output.Infos));
    }

    [TestMethod]
    public void Runs_a_tracked_target_or_the_test_logger_owns_are_neither_announced_nor_reported_by_the_program()
    {
        foreach (var owner in new[] { (TargetRun.Variable, "target01"), ("WANDB_TEST_LOGGER", "1") })
        {
            using var store = new TempStore();
            var standalone = new Standalone(store);

            Run.Init(new RunOptions { Group = "g" }, standalone.Context((owner.Item1, owner.Item2))).Finish();

            Assert.IsEmpty(store.Output.Infos, owner.Item1);
            Assert.IsEmpty(standalone.AtProcessEnd, "the build or test run refreshes the report when it ends");
        }
    }

    [TestMethod]
    public void WANDB_SILENT_prints_nothing_and_the_report_is_still_refreshed()
    {
        using var store = new TempStore();
        var standalone = new Standalone(store);

        Run.Init(new RunOptions { Group = "quiet" }, standalone.Context(("WANDB_SILENT", "true"))).Finish();
        standalone.AtProcessEnd.Single()();

        Assert.IsEmpty(store.Output.Lines);
        Assert.HasCount(1, ReportedIds(store));
    }

    [TestMethod]
    public void A_store_whose_last_report_is_large_is_not_refreshed_at_the_end_and_the_line_says_how()
    {
        using var store = new TempStore();
        var standalone = new Standalone(store);
        Run.Init(new RunOptions { Group = "big" }, standalone.Context()).Finish();
        Directory.CreateDirectory(Path.GetDirectoryName(RunsJson(store))!);
        File.WriteAllText(RunsJson(store), new string(' ', (int)StandaloneRuns.LargeReportBytes + 1));

        standalone.AtProcessEnd.Single()();

        Assert.AreEqual(StandaloneRuns.LargeReportBytes + 1, new FileInfo(RunsJson(store)).Length, "left as it was");
        StringAssert.Contains(store.Output.Infos[^1], "was not refreshed: the store is large");
        StringAssert.Contains(store.Output.Infos[^1], $"dotnet wandb report --store \"{store.Root}\"");
    }

    [TestMethod]
    public void A_store_removed_before_the_process_ends_is_not_written_again()
    {
        Standalone standalone;
        string root;
        using (var store = new TempStore())
        {
            standalone = new Standalone(store);
            Run.Init(new RunOptions(), standalone.Context()).Finish();
            root = store.Root;
        }

        standalone.AtProcessEnd.Single()();

        Assert.IsFalse(Directory.Exists(root), "no report folder is left where the store was");
    }

    [TestMethod]
    public void A_report_that_cannot_be_written_is_warning_WANDB011_naming_the_store()
    {
        using var store = new TempStore();
        var standalone = new Standalone(store, (_, _) => throw new IOException("disk full"));
        Run.Init(new RunOptions { Group = "g" }, standalone.Context()).Finish();

        standalone.AtProcessEnd.Single()();

        var warning = store.Output.WarningsWith(WarningCodes.ReportsNotRefreshed).Single();
        StringAssert.Contains(warning, store.Root);
        StringAssert.Contains(warning, "disk full");
    }

    private static string RunsJson(TempStore store) => Path.Combine(store.Root, "report", "runs.json");

    private static List<string?> ReportedIds(TempStore store) =>
        JsonNode.Parse(File.ReadAllText(RunsJson(store)))!["runs"]!.AsArray().Select(r => (string?)r!["id"]).ToList();

    /// <summary>A program's standalone runs, with what it would do at the end of the process kept for the test to call.</summary>
    private sealed class Standalone
    {
        private readonly TempStore _store;
        private readonly StandaloneRuns _runs;

        public Standalone(TempStore store, Func<Wandb.Storage.RunStore, ReportOptions, ReportResult>? writeReports = null)
        {
            _store = store;
            var refresh = new ReportRefresh(store.Output, TextWriter.Null, store.Root) { WriteReports = writeReports ?? ReportWriter.WriteAll };
            _runs = new StandaloneRuns(refresh, AtProcessEnd.Add);
        }

        public List<Action> AtProcessEnd { get; } = new();

        public RunContext Context(params (string Name, string? Value)[] variables)
        {
            var env = new Dictionary<string, string?> { ["WANDB_DIR"] = _store.Root, ["WANDB_DISABLE_GIT"] = "true" };
            foreach (var (name, value) in variables)
            {
                env[name] = value;
            }

            return _store.Context(env) with { Standalone = _runs };
        }
    }
}
