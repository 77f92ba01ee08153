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
        var options = new ReportOptions { GateResults = results.ToList() };

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
}
