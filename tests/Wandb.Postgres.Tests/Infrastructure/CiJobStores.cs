namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>Folder stores as CI matrix jobs leave them: each job runs some folds of one cross-validation group.</summary>
internal static class CiJobStores
{
    /// <summary>Records folds <paramref name="folds"/> of group <paramref name="group"/> in the folder store <paramref name="folder"/>.</summary>
    public static void RunFolds(string folder, string group, IEnumerable<int> folds, int rows = 200, double offset = 0)
    {
        var output = new RecordingOutput();
        foreach (var fold in folds)
        {
            using var run = TestRuns.Init(new RunOptions { Id = $"fold-{fold}", Group = group, JobType = "fold", Project = "churn", Tags = { "cv" } }, null, folder, output);
            run.Config["fold"] = fold;
            run.Config["model"] = new Dictionary<string, object?> { ["trees"] = 100, ["learning_rate"] = 0.1 };
            for (var step = 0; step < rows; step++)
            {
                run.Log(new Dictionary<string, double> { ["loss"] = offset + (1.0 / (step + 1)) + (fold * 0.01), ["auc"] = 0.5 + (step / (2.0 * rows)) });
            }

            run.Summary["best_auc"] = 0.9 + (fold * 0.001);
        }

        Assert.AreEqual(0, output.Lines.Count, string.Join("\n", output.Lines));
    }
}
