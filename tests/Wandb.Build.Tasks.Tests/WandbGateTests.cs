using System.Text.Json.Nodes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Wandb.Build.Tasks.Gates;
using Wandb.Environment;
using Wandb.Runs;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class WandbGateTests
{
    private static readonly double[] Before = { 0.851, 0.848, 0.856, 0.845, 0.853 };
    // Runs written by the test process would otherwise record the repository's branch, and auto prefers main.
    private static readonly RunContext WithoutGit = RunContext.Default with
    {
        Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" }),
    };

    private static readonly double[] Worse = { 0.821, 0.826, 0.818, 0.829, 0.823 };

    [TestMethod]
    public void A_target_whose_folds_got_worse_fails_with_WANDB200_and_the_report_written_at_the_end_lists_the_verdict()
    {
        using var fixture = new TaskFixture();
        LogBaseline(fixture, "before", Before);
        var group = TrackTarget(fixture, Worse);

        var gate = Gate(fixture, group.RunId, Rule("acc", ("JobType", "fold"), ("Tolerance", "0.005")));

        Assert.IsFalse(gate.Execute());
        var error = fixture.Engine.Errors.Single();
        Assert.AreEqual("WANDB200", error.Code);
        StringAssert.StartsWith(error.Message, $"acc of job type fold in group {group.Group}: regressed");
        StringAssert.Contains(error.Message, "baseline group before: mean 0.8506 (n=5");
        StringAssert.Contains(fixture.Engine.Messages.Select(m => m.Message).First(m => m!.StartsWith("wandb gate:", StringComparison.Ordinal)), "compared with the baseline group before");

        fixture.Engine.EndBuild();
        var gates = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json")))!["gates"]!.AsArray();
        var entry = gates.Single()!;
        Assert.AreEqual("regressed", (string?)entry["verdict"]);
        Assert.AreEqual("before", (string?)entry["baseline"]);
        Assert.AreEqual(5, (int)entry["current"]!["n"]!);
        Assert.AreEqual(Worse.Average() - Before.Average(), (double)entry["difference"]!, 1e-12);
    }

    [TestMethod]
    public void Warn_mode_turns_the_failure_into_a_warning_and_a_missing_baseline_is_a_warning_unless_required()
    {
        using var fixture = new TaskFixture();
        LogBaseline(fixture, "before", Before);
        var worse = TrackTarget(fixture, Worse);

        var warn = Gate(fixture, worse.RunId, Rule("acc"));
        warn.Mode = "warn";
        Assert.IsTrue(warn.Execute());
        Assert.AreEqual("WANDB200", fixture.Engine.Warnings.Single().Code);
        Assert.IsEmpty(fixture.Engine.Errors);

        var missing = Gate(fixture, worse.RunId, Rule("acc"));
        missing.Baseline = "nowhere.json";
        Assert.IsTrue(missing.Execute());
        Assert.AreEqual("WANDB203", fixture.Engine.Warnings.Last().Code);

        var required = Gate(fixture, worse.RunId, Rule("acc"));
        required.Baseline = "nowhere.json";
        required.RequireBaseline = true;
        Assert.IsFalse(required.Execute());
        Assert.AreEqual("WANDB203", fixture.Engine.Errors.Single().Code);
        StringAssert.Contains(fixture.Engine.Errors.Single().Message, "the baseline file nowhere.json does not exist");
    }

    [TestMethod]
    public void A_bad_rule_is_an_error_naming_the_field_and_the_value()
    {
        using var fixture = new TaskFixture();
        var run = TrackTarget(fixture, Worse);

        var gate = Gate(fixture, run.RunId, Rule("acc", ("Confidence", "1.5")));

        Assert.IsFalse(gate.Execute());
        Assert.AreEqual("WANDB205", fixture.Engine.Errors.Single().Code);
        Assert.AreEqual("WandbGate acc: Confidence '1.5' is not a number between 0 and 1 (exclusive), such as 0.95.", fixture.Engine.Errors.Single().Message);
    }

    private static (string RunId, string Group) TrackTarget(TaskFixture fixture, double[] folds)
    {
        var start = fixture.Start("CrossValidate");
        Assert.IsTrue(start.Execute());
        fixture.StoredRun(start.RunId);
        LogFolds(fixture, start.RunGroup, folds);
        Assert.IsTrue(fixture.Finish(start.RunId, "CrossValidate").Execute());
        return (start.RunId, start.RunGroup);
    }

    /// <summary>A finished group as an earlier build leaves it: the target's run and its folds.</summary>
    private static void LogBaseline(TaskFixture fixture, string group, double[] values)
    {
        using (Run.Init(new RunOptions { Dir = fixture.StoreDirectory, Project = "Churn", Group = group, JobType = "CrossValidate" }, WithoutGit))
        {
        }

        LogFolds(fixture, group, values);
    }

    private static void LogFolds(TaskFixture fixture, string group, double[] values)
    {
        foreach (var value in values)
        {
            using var run = Run.Init(new RunOptions { Dir = fixture.StoreDirectory, Project = "Churn", Group = group, JobType = "fold" }, WithoutGit);
            run.Summary["acc"] = value;
        }
    }

    private static WandbEvaluateGates Gate(TaskFixture fixture, string runId, params ITaskItem[] rules) => new()
    {
        BuildEngine = fixture.Engine,
        RunId = runId,
        Rules = rules,
        ProjectDirectory = fixture.Root,
        Environment = fixture.Environment,
    };

    private static TaskItem Rule(string metric, params (string Name, string Value)[] metadata) =>
        new(metric, metadata.ToDictionary(m => m.Name, m => m.Value));
}
