using Wandb.Gates;
using Wandb.Grouping;
using Wandb.Reports;
using Wandb.Reports.Markdown;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class GateMarkdownTests
{
    private const string Accuracy = "valid.Accuracy";

    [TestMethod]
    public void Summary_md_starts_with_the_gate_table_marking_failures_warnings_and_passes()
    {
        using var store = new TempStore();
        store.AddRun("now|x", "fold-0", new Dictionary<string, object?> { [Accuracy] = 0.82 }, jobType: "fold");
        var before = Baseline.FromGroup("before", GateRuns.Group("before", "fold", Accuracy, new[] { 0.851, 0.848, 0.856, 0.845 }, 1));
        var now = GateRuns.Group("now|x", "fold", Accuracy, new[] { 0.821, 0.826, 0.818, 0.829 }, 10);
        var rules = new[]
        {
            new GateRule { Metric = Accuracy },
            new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(0.05, false) },
            new GateRule { Metric = Accuracy, JobType = "eval" },
        };
        var results = GateEvaluator.Evaluate(rules, "now|x", now, before, new MetricGoals());
        var options = new ReportOptions { GateResults = results.Select(r => GateRow.From(r, "proj")).ToList() };

        var md = MarkdownSummaryWriter.Render(ReportModel.Build(store.Reader(), options, DateTimeOffset.UnixEpoch));

        var lines = md.Split('\n');
        Assert.AreEqual("## ❌ Quality gate: 1 of 3 failed", lines[2], md);
        StringAssert.Contains(md, "Compared with the baseline group before.");
        var rows = lines.Where(l => l.StartsWith("| ❌", StringComparison.Ordinal) || l.StartsWith("| ✅", StringComparison.Ordinal) || l.StartsWith("| ⚠️", StringComparison.Ordinal)).ToList();
        Assert.HasCount(3, rows, md);
        StringAssert.StartsWith(rows[0], "| ❌ | valid.Accuracy | fold | now\\|x | regressed | 0.8235 (4) | 0.85 (4) | ");
        StringAssert.StartsWith(rows[1], "| ✅ | valid.Accuracy | fold | now\\|x | unchanged |");
        StringAssert.StartsWith(rows[2], "| ⚠️ | valid.Accuracy | eval | now\\|x | insufficient_data | – (0) |");
        Assert.IsLessThan(md.IndexOf("## Runs", StringComparison.Ordinal), md.IndexOf("Quality gate", StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_trend_of_the_projects_last_groups_follows_the_gate_table_with_the_baseline_and_this_build_marked()
    {
        using var store = new TempStore();
        var values = new Dictionary<string, double[]>
        {
            ["g1"] = new[] { 0.85, 0.86 },
            ["g2"] = new[] { 0.84, 0.86, 0.85 },
            ["g3"] = new[] { 0.80, 0.81 },
        };
        foreach (var (group, accuracies) in values)
        {
            foreach (var accuracy in accuracies)
            {
                store.AddRun(group, group + "-fold", new Dictionary<string, object?> { [Accuracy] = accuracy }, jobType: "fold");
            }
        }

        store.AddRun("elsewhere", "other-project", new Dictionary<string, object?> { [Accuracy] = 0.1 }, jobType: "fold", project: "other");
        var request = new GateRequest { Project = "proj", Group = "g3", Rules = new[] { new GateRule { Metric = Accuracy } }, Baseline = "g1", BaseDirectory = store.Root };
        var outcome = QualityGate.Evaluate(store.Reader(), request);

        var md = MarkdownSummaryWriter.Render(ReportModel.Build(store.Reader(), new ReportOptions { GateResults = outcome.Results.Select(r => GateRow.From(r, "proj")).ToList() }, DateTimeOffset.UnixEpoch));

        var trend = md.Split('\n').SkipWhile(l => !l.StartsWith("Trend of valid.Accuracy (fold), last 3 groups", StringComparison.Ordinal)).Skip(4).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.HasCount(3, trend, md);
        StringAssert.StartsWith(trend[0], "| g1 (baseline) | ");
        StringAssert.EndsWith(trend[0], $"| {NumberText.Format(0.855)} (2) | {NumberText.Format(IndependentWelch.MeanCi95(values["g1"]).Low)} to {NumberText.Format(IndependentWelch.MeanCi95(values["g1"]).High)} |");
        StringAssert.StartsWith(trend[1], "| g2 | ");
        StringAssert.StartsWith(trend[2], "| g3 (this build) | ");
        StringAssert.Contains(trend[2], $"| {NumberText.Format(0.805)} (2) |");
    }
}
