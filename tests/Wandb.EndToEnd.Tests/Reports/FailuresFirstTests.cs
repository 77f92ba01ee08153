using System.Text;
using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;
using Wandb.EndToEnd.Tests.TestLogger;

namespace Wandb.EndToEnd.Tests.Reports;

/// <summary>
/// A test project with a failing test and a metric of its own, run with <c>dotnet test --logger wandb</c>
/// into a fresh store, then again into the same store once another project's training runs are in it: the
/// failure comes first in the console and in summary.md, with its message, and the key metric is the test
/// project's own, not the other project's nor the logger's test duration.
/// </summary>
[TestClass]
public sealed class FailuresFirstTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    private const string Tests = """
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        namespace Churn.Tests;

        [TestClass]
        public sealed class ModelTests
        {
            [TestMethod]
            [DataRow(0)] [DataRow(1)] [DataRow(2)]
            public void Fold(int fold)
            {
                using var run = Wandb.Run.Init();
                run.Log(new Dictionary<string, double> { ["f1"] = 0.80 + fold / 100.0 });
            }

            [TestMethod]
            public void Regression() =>
                Assert.Fail("f1 0.41 is below 0.80 for <b>churn</b>; " + string.Concat(Enumerable.Repeat("the holdout set drifted, ", 20)) + "END");

            [TestMethod] public void LoadsModel() => Assert.IsTrue(true);

            [TestMethod] public void SavesModel() => Assert.IsTrue(true);
        }
        """;

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_failing_test_comes_first_with_its_message_and_the_test_project_s_own_metric_is_the_key_metric_in_a_shared_store()
    {
        using var workspace = TestWorkspace.Create("failures-first");
        MlTestProject.WriteVsTestProjectFile(workspace, "Churn.Tests");
        workspace.WriteFile("Churn.Tests/ModelTests.cs", Tests);
        Assert.IsFalse(Directory.Exists(workspace.StoreDirectory));

        var first = workspace.DotNet("test Churn.Tests --logger \"wandb;project=churn\"", environment: workspace.StoreEnvironment(), timeout: DotNetTimeout);

        Assert.AreEqual(1, first.ExitCode, first.ToString());
        Assert.AreEqual("*\n", File.ReadAllText(Path.Combine(workspace.StoreDirectory, ".gitignore")), "the store folder the test run created ignores itself");
        AssertFailureFirstInConsole(first, workspace);

        WriteOtherProjectRuns(workspace.StoreDirectory);
        var second = workspace.DotNet("test Churn.Tests --no-build --logger \"wandb;project=churn\"", environment: workspace.StoreEnvironment(), timeout: DotNetTimeout);

        Assert.AreEqual(1, second.ExitCode, second.ToString());
        var group = AssertFailureFirstInConsole(second, workspace);
        var groupLine = Lines(second).Single(l => l.StartsWith($"wandb:   {group}  ", StringComparison.Ordinal));
        StringAssert.Contains(groupLine, "  f1 0.81 ± 0.01", "the test project's own metric, although the store's other project has more runs and metrics: " + groupLine);
        Assert.IsFalse(Lines(second).Any(l => l.Contains("rmse", StringComparison.Ordinal)), "the other project's metrics are not this test run's key metrics:\n" + second);

        var md = File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "summary.md"));
        var failures = md.IndexOf("## Failed, crashed and killed runs", StringComparison.Ordinal);
        Assert.IsTrue(failures > 0 && failures < md.IndexOf("## Runs by group", StringComparison.Ordinal), "failures come before the tables:\n" + md);
        var row = md.Split('\n').First(l => l.StartsWith("| Regression |", StringComparison.Ordinal));
        StringAssert.Contains(row, "f1 0.41 is below 0.80 for &lt;b&gt;churn&lt;/b&gt;; the holdout set drifted");
        StringAssert.Contains(row, "…");
        StringAssert.Contains(md, "> Messages ending in … were cut at 300 characters");
        StringAssert.Contains(md, "| group | runs | states | f1 ↑ | duration ↓ |", "the key metrics: the test project's own, then the test duration");
        StringAssert.Contains(md, "## Comparison on f1");
    }

    /// <summary>
    /// Checks the console's order: the logger's summary with the failing job type first and the failure with its
    /// message, printed once, then the reports' groups, then the report paths; returns the test run's group.
    /// </summary>
    private static string AssertFailureFirstInConsole(ProcessResult result, TestWorkspace workspace)
    {
        var lines = Lines(result);
        var header = lines.FindIndex(l => l.StartsWith("wandb: group test-", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, header, "the summary names the test run's group:\n" + result);
        StringAssert.Contains(lines[header], ": 6 runs (5 passed, 1 failed) in ");
        var group = lines[header].Substring("wandb: group ".Length).Split(':')[0];
        Assert.AreEqual("wandb:   Regression: 1 run (0 passed, 1 failed)", lines[header + 1], "the failing job type comes first:\n" + result);
        var failure = lines[header + 2];
        StringAssert.StartsWith(failure, "wandb:     failed: Regression: ");
        StringAssert.Contains(failure, "f1 0.41 is below 0.80 for <b>churn</b>; the holdout set drifted");
        StringAssert.Contains(failure, "… (truncated; full message: file://");
        var run = RecordedRun.ReadAll(new StoreFiles(workspace.StoreDirectory)).Single(r => r.Group == group && r.JobType == "Regression");
        StringAssert.EndsWith(failure, "/report/index.html#/run/" + run.Id + ")");
        Assert.AreEqual(1, lines.Count(l => l.Contains("f1 0.41 is below 0.80", StringComparison.Ordinal)), "the failure is printed once:\n" + result);
        Assert.IsFalse(lines.Any(l => l.Contains("did not finish", StringComparison.Ordinal)), "the logger's summary lists the failures, the reports' lines do not repeat them:\n" + result);
        var groupLine = lines.FindIndex(l => l.StartsWith($"wandb:   {group}  n=6 (1 failed)", StringComparison.Ordinal));
        var reports = lines.FindIndex(l => l.StartsWith("wandb: reports: ", StringComparison.Ordinal));
        Assert.IsTrue(header + 2 < groupLine && groupLine < reports, $"failure ({header + 2}), then groups ({groupLine}), then reports ({reports}):\n{result}");
        return group;
    }

    private static List<string> Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Select(l => l.StartsWith("wandb:", StringComparison.Ordinal) ? l : string.Empty).ToList();

    /// <summary>
    /// Twenty finished training runs of another project with six metrics each, recorded yesterday on another
    /// machine, written as lines of a batch file in the documented store format (docs/store-format.md).
    /// </summary>
    private static void WriteOtherProjectRuns(string store)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        var lines = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            var summary = new JsonObject();
            foreach (var (metric, k) in new[] { "rmse", "mae", "r2", "mape", "loss", "epochs" }.Select((m, k) => (m, k)))
            {
                summary[metric] = k + 1 + (i / 100.0);
            }

            var system = new JsonObject { ["host"] = "gpu-box", ["os"] = "Linux", ["dotnet"] = ".NET 10", ["pid"] = 7 };
            var line = new JsonObject
            {
                ["run"] = new JsonObject
                {
                    ["schema"] = 1, ["id"] = $"forecast{i:D2}", ["name"] = $"train {i}", ["project"] = "forecast", ["group"] = "train-nightly",
                    ["job_type"] = "train", ["tags"] = new JsonArray(), ["notes"] = null, ["created_at"] = at, ["system"] = system,
                },
                ["state"] = new JsonObject
                {
                    ["schema"] = 1, ["writer"] = "nightly1", ["host"] = "gpu-box", ["pid"] = 7, ["process_started_at"] = at, ["started_at"] = at,
                    ["updated_at"] = at, ["finished_at"] = at, ["state"] = "finished", ["exit_code"] = 0, ["rows"] = 0, ["last_step"] = null,
                    ["config"] = new JsonObject { ["trainer"] = "fasttree" }, ["summary"] = summary, ["last"] = new JsonObject(), ["dropped_rows"] = 0,
                },
            };
            lines.Append(line.ToJsonString()).Append('\n');
        }

        File.WriteAllText(Path.Combine(store, "batches", "nightly1.runs.jsonl"), lines.ToString());
    }
}
