using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Wandb.Grouping.Statistics;
using Wandb.Reports;
using Wandb.Sdk.Tests.Fakes;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>Reports of a store past <see cref="ReportOptions.MaxDetailRuns"/>: which groups keep their run rows, and the note of what was left out.</summary>
[TestClass]
public sealed class ReportBudgetTests
{
    // Created in this order, one minute apart: "focus" and "base" are older than "new-1" and "new-2".
    private static readonly (string Group, int Runs)[] Groups = { ("old-1", 3), ("old-2", 3), ("base", 2), ("focus", 4), ("new-1", 3), ("new-2", 3) };

    [TestMethod]
    public void Past_the_budget_the_focus_groups_then_the_baseline_then_the_newest_groups_keep_their_runs()
    {
        using var store = new TempStore();
        AddGroups(store);

        CollectionAssert.AreEquivalent(new[] { "focus" }, DetailedGroups(store, 4));
        CollectionAssert.AreEquivalent(new[] { "focus", "base" }, DetailedGroups(store, 6));
        CollectionAssert.AreEquivalent(new[] { "focus", "base", "new-2" }, DetailedGroups(store, 9));
        CollectionAssert.AreEquivalent(new[] { "focus", "base", "new-2" }, DetailedGroups(store, 11), "new-1 does not fit in the 2 runs left, and older groups come after it.");
        CollectionAssert.AreEquivalent(new[] { "focus", "base", "new-2", "new-1" }, DetailedGroups(store, 12));
    }

    [TestMethod]
    public void The_focus_groups_keep_their_runs_even_past_the_budget()
    {
        using var store = new TempStore();
        AddGroups(store);

        CollectionAssert.AreEquivalent(new[] { "focus" }, DetailedGroups(store, 1));
    }

    [TestMethod]
    public void Runs_json_says_exactly_what_was_left_out_and_how_to_see_it()
    {
        using var store = new TempStore();
        var ids = AddGroups(store);

        var json = RunsJson(store, 9);

        var runs = (JArray)json["runs"]!;
        CollectionAssert.AreEquivalent(ids["focus"].Concat(ids["base"]).Concat(ids["new-2"]).ToArray(), runs.Select(r => (string)r["id"]!).ToArray());
        var omitted = json["omitted"]!;
        Assert.AreEqual(9, (int)omitted["runs"]!, "old-1, old-2 and new-1: 3 runs each");
        Assert.AreEqual(3, (int)omitted["groups"]!);
        Assert.AreEqual(9, (int)omitted["max_detail_runs"]!);
        CollectionAssert.AreEqual(new[] { "new-1", "old-2", "old-1" }, omitted["summary_only_groups"]!.Select(g => (string)g!).ToArray(), "The most recent first.");
        StringAssert.Contains((string)omitted["reason"]!, "9 of 18 runs");
        StringAssert.Contains((string)omitted["how"]!, "WandbMaxDetailRuns");
        StringAssert.Contains((string)omitted["how"]!, "max_detail_runs");
        StringAssert.Contains((string)omitted["how"]!, "--max-detail-runs");
        StringAssert.Contains((string)omitted["how"]!, "FocusGroups");

        var groups = (JArray)json["groups"]!;
        Assert.AreEqual(6, groups.Count, "Every group stays listed.");
        var old = groups.Single(g => (string?)g["group"] == "old-1");
        Assert.AreEqual(0, old["runs"]!.Count(), "A summarised group lists no run: none is in runs.");
        Assert.AreEqual(3, (int)old["states"]!["finished"]!, "Its states still count every run.");
    }

    [TestMethod]
    public void A_summarised_group_has_the_same_aggregates_as_when_every_run_is_shown()
    {
        using var store = new TempStore();
        AddGroups(store);

        var bounded = (JArray)RunsJson(store, 9)["groups"]!;
        var full = (JArray)RunsJson(store, ReportOptions.DefaultMaxDetailRuns)["groups"]!;

        foreach (var group in Groups.Select(g => g.Group))
        {
            var a = (JObject)bounded.Single(g => (string?)g["group"] == group);
            var b = (JObject)full.Single(g => (string?)g["group"] == group);
            foreach (var field in new[] { "job_types", "states", "summary" })
            {
                Assert.IsTrue(JToken.DeepEquals(a[field], b[field]), $"{group}.{field}: {a[field]} vs {b[field]}");
            }
        }

        var accuracy = bounded.Single(g => (string?)g["group"] == "old-1")["summary"]!["accuracy"]!;
        var expected = MetricStatistics.Of(new[] { Accuracy(0, 0), Accuracy(0, 1), Accuracy(0, 2) });
        Assert.AreEqual(3, (int)accuracy["n"]!);
        Assert.AreEqual(expected.Mean, (double)accuracy["mean"]!, 1e-12);
        Assert.AreEqual(expected.Std, (double)accuracy["std"]!, 1e-12);
    }

    [TestMethod]
    public void Under_the_budget_runs_json_has_no_note_and_every_run()
    {
        using var store = new TempStore();
        AddGroups(store);

        var json = RunsJson(store, 18);

        CollectionAssert.AreEqual(new[] { "schema", "generated_at", "runs", "groups" }, json.Properties().Select(p => p.Name).ToArray());
        Assert.AreEqual(18, ((JArray)json["runs"]!).Count);
    }

    [TestMethod]
    public void Runs_without_a_group_are_taken_one_at_a_time_the_newest_first()
    {
        using var store = new TempStore();
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var ids = Enumerable.Range(0, 5).Select(i => AddRun(store, clock, null, i, 0)).ToList();

        var json = RunsJson(store, 2);

        CollectionAssert.AreEquivalent(ids.Skip(3).ToArray(), json["runs"]!.Select(r => (string)r["id"]!).ToArray());
        Assert.AreEqual(3, (int)json["omitted"]!["runs"]!);
        Assert.AreEqual(0, (int)json["omitted"]!["groups"]!, "The runs without a group are one group, and two of its runs are shown.");
        var ungrouped = json["groups"]!.Single(g => g["group"]!.Type == JTokenType.Null);
        CollectionAssert.AreEqual(ids.Skip(3).ToArray(), ungrouped["runs"]!.Select(r => (string)r!).ToArray(), "The group lists the runs shown, not all five.");
        Assert.AreEqual(5, (int)ungrouped["states"]!["finished"]!, "Its states still count them all.");
    }

    [TestMethod]
    public void Summary_md_and_the_console_say_how_many_runs_are_summarised_only()
    {
        using var store = new TempStore();
        AddGroups(store);

        var result = ReportWriter.WriteAll(store.Reader(), Options(9));

        var markdown = File.ReadAllText(result.MarkdownPath!);
        StringAssert.Contains(markdown, "> **Summarised only:** 9 of 18 runs (3 groups without any run shown in full)");
        StringAssert.Contains(markdown, "| old\\-1 | 3 |", "A summarised group keeps its row in the table.");
        Assert.IsTrue(result.ConsoleLines.Any(l => l.StartsWith("wandb: 9 run(s) in 3 other group(s) are summarised only (budget: 9 runs shown in full)", StringComparison.Ordinal)), string.Join("\n", result.ConsoleLines));
    }

    [TestMethod]
    public void The_page_holds_the_runs_shown_in_full_and_the_aggregates_of_the_others()
    {
        using var store = new TempStore();
        var ids = AddGroups(store);

        var result = ReportWriter.WriteAll(store.Reader(), Options(9));

        var data = Regex.Match(File.ReadAllText(result.HtmlPath!), "<script type=\"application/json\" id=\"wandb-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        CollectionAssert.AreEquivalent(ids["focus"].Concat(ids["base"]).Concat(ids["new-2"]).ToArray(), PageDataRuns.Ids(data).ToArray());
        var omitted = JObject.Parse(data)["omitted"]!;
        Assert.AreEqual(9, (int)omitted["runs"]!);
        Assert.AreEqual(3, (int)omitted["groups"]!);
        var old = omitted["summary_only"]!.Single(g => (string?)g["group"] == "old-2");
        Assert.AreEqual(3, (int)old["runs"]!);
        var accuracy = (JArray)old["stats"]!["accuracy"]!;
        Assert.AreEqual(3, (int)accuracy[0]);
        Assert.AreEqual(new[] { Accuracy(1, 0), Accuracy(1, 1), Accuracy(1, 2) }.Average(), (double)accuracy[1], 1e-12);
    }

    [TestMethod]
    public void A_budget_below_one_run_is_rejected_naming_the_option_and_the_value()
    {
        using var store = new TempStore();

        var error = Assert.ThrowsExactly<ArgumentException>(() => ReportWriter.WriteAll(store.Reader(), new ReportOptions { MaxDetailRuns = 0 }));

        StringAssert.Contains(error.Message, "ReportOptions.MaxDetailRuns");
        StringAssert.Contains(error.Message, "got 0");
    }

    private static double Accuracy(int group, int run) => 0.5 + (group * 0.05) + (run * 0.01);

    private static ReportOptions Options(int budget) => new() { FocusGroups = { "focus" }, BaselineGroup = "base", MaxDetailRuns = budget };

    private static string[] DetailedGroups(TempStore store, int budget) =>
        RunsJson(store, budget)["runs"]!.Select(r => (string)r["group"]!).Distinct().ToArray();

    private static JObject RunsJson(TempStore store, int budget)
    {
        var result = ReportWriter.WriteAll(store.Reader(), Options(budget));
        return JObject.Parse(File.ReadAllText(result.JsonPath!));
    }

    private static Dictionary<string, List<string>> AddGroups(TempStore store)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var ids = new Dictionary<string, List<string>>();
        for (var g = 0; g < Groups.Length; g++)
        {
            var (group, runs) = Groups[g];
            ids[group] = Enumerable.Range(0, runs).Select(r => AddRun(store, clock, group, g, r)).ToList();
        }

        return ids;
    }

    private static string AddRun(TempStore store, ManualClock clock, string? group, int groupIndex, int run)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        using var started = store.Init(new RunOptions { Project = "proj", Group = group, Name = $"run-{run}" }, store.Context(clock: clock));
        started.Summary["accuracy"] = Accuracy(groupIndex, run);
        started.Finish(0);
        return started.Id;
    }
}
