using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Samples;

/// <summary>
/// The README's first command, build/run-samples.sh, on its fast path: the cross-validation sample only
/// (pack, dotnet build -t:CrossValidate;Train on the sample exactly as shipped, reports), into a temporary store.
/// </summary>
[TestClass]
public sealed class RunSamplesScriptTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_samples_script_runs_the_cross_validation_sample_and_ends_with_the_report_path()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("build/run-samples.sh is a bash script.");
        }

        using var workspace = TestWorkspace.Create("run-samples");
        var script = Path.Combine(RepositoryPaths.Root, "build", "run-samples.sh");

        var result = ProcessRunner.Run("bash", $"\"{script}\" CrossValidation", RepositoryPaths.Root, workspace.StoreEnvironment(), TimeSpan.FromMinutes(14));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var lastLine = result.StandardOutput.TrimEnd().Split('\n')[^1].Trim();
        StringAssert.StartsWith(lastLine, "Report: ");
        var reportPath = lastLine.Substring("Report: ".Length);
        Assert.IsTrue(File.Exists(reportPath), $"the printed report exists: {reportPath}");
        StringAssert.StartsWith(reportPath, workspace.StoreDirectory);

        var store = new StoreFiles(workspace.StoreDirectory);
        var runs = store.RunIds.Select(id => (Id: id, Meta: store.Metadata(id), State: store.WriterStates(id))).ToList();
        var crossValidate = runs.Single(r => (string?)r.Meta["job_type"] == "CrossValidate");
        var train = runs.Single(r => (string?)r.Meta["job_type"] == "Train");
        var folds = runs.Where(r => (string?)r.Meta["job_type"] == "fold").ToList();
        var group = (string?)crossValidate.Meta["group"];

        Assert.IsNotNull(group);
        Assert.AreEqual(group, (string?)train.Meta["group"], "both targets of one build share a group");
        Assert.HasCount(15, folds, "5 folds x 3 seeds");
        Assert.IsTrue(folds.All(f => (string?)f.Meta["group"] == group), "the fold runs join the build's group");
        var seedsAndFolds = folds.Select(f => Config(f.State)).Select(c => ((long)c["seed"]!, (long)c["fold"]!)).Distinct().ToList();
        Assert.HasCount(15, seedsAndFolds, "every (seed, fold) pair once");
        Assert.IsTrue(folds.All(f => f.State.Any(s => s["summary"]?["AreaUnderRocCurve"] is not null)), "fold summaries hold ML.NET's metrics");

        var curve = store.HistoryRows(train.Id);
        CollectionAssert.AreEqual(new[] { 10.0, 20.0, 30.0, 40.0, 50.0, 60.0 }, curve.Select(r => (double)r["trees"]!).ToArray());
        Assert.IsTrue(curve.All(r => r["valid.LossRate"] is not null && r["train.LossRate"] is not null));
        Assert.IsTrue(Directory.GetFiles(Path.Combine(workspace.StoreDirectory, "runs", train.Id), "*.output.log").Length == 1, "ML.NET's log is kept with the Train run");
    }

    private static JsonObject Config(IReadOnlyList<JsonObject> states) =>
        states.Select(s => s["config"] as JsonObject).First(c => c is not null && c.ContainsKey("fold"))!;
}
