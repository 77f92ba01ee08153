using System.Globalization;

namespace Wandb.MLNet.Tests.CrossValidation;

[TestClass]
public sealed class ParallelProcessFoldTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Folds_trained_by_parallel_processes_land_in_one_group_as_one_run_each()
    {
        using var store = new TempStore();
        const int Folds = 3;
        var group = "matrix-" + RunId.Generate();
        var writer = Path.Combine(AppContext.BaseDirectory, "Wandb.MLNet.FoldWriter.dll");

        // Like a CI matrix: one process per fold, all started at once, sharing only WANDB_RUN_GROUP.
        var processes = Enumerable.Range(0, Folds).Select(fold => ProcessRunner.Start(
            "dotnet",
            new[] { writer, fold.ToString(CultureInfo.InvariantCulture), Folds.ToString(CultureInfo.InvariantCulture), "7", store.Root },
            new Dictionary<string, string?> { ["WANDB_RUN_GROUP"] = group })).ToList();

        var accuracies = new Dictionary<long, double>();
        foreach (var process in processes)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(240_000), "the fold process finished");
            Assert.AreEqual(0, process.ExitCode, error.Result);
            var parts = output.Result.Trim().Split(' ');
            accuracies[long.Parse(parts[0], CultureInfo.InvariantCulture)] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            process.Dispose();
        }

        var runs = store.Runs();
        Assert.HasCount(Folds, runs);
        Assert.IsTrue(runs.All(r => r.Group == group && r.JobType == "fold" && r.State == RunState.Finished));
        foreach (var run in runs)
        {
            var fold = Convert.ToInt64(run.Config["fold"], CultureInfo.InvariantCulture);
            Assert.AreEqual(accuracies[fold], Convert.ToDouble(run.Summary["Accuracy"], CultureInfo.InvariantCulture), 1e-12, $"fold {fold}");
            Assert.AreEqual(7L, Convert.ToInt64(run.Config["seed"], CultureInfo.InvariantCulture));
        }
    }
}
