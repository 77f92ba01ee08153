namespace Wandb.Benchmarks.Html;

/// <summary>A store of 1,000 runs in 50 groups with 8 metrics, written through Run.Init like a real sweep.</summary>
internal static class HtmlBenchmarkStore
{
    public const int Runs = 1000;
    public const int Groups = 50;
    public const int Steps = 200;

    public static readonly string[] Metrics = { "loss", "val_loss", "accuracy", "val_accuracy", "auc", "f1", "learning_rate", "epoch" };

    public static string Create()
    {
        var directory = Harness.BenchmarkReport.TempDirectory("html");
        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var group = i % Groups;
            var options = new RunOptions
            {
                Dir = directory,
                Project = "sweep",
                Name = $"run-{i:D4}",
                Group = $"experiment-{group:D2}",
                JobType = i % 5 == 0 ? "eval" : "train",
            };
            options.Config["learning_rate"] = new[] { 0.1, 0.05, 0.01, 0.005, 0.001 }[group % 5];
            options.Config["batch_size"] = new[] { 16, 32, 64, 128 }[group % 4];
            options.Config["optimizer"] = new Dictionary<string, object?> { ["name"] = group % 2 == 0 ? "adam" : "sgd", ["momentum"] = 0.9 };
            options.Config["seed"] = i;
            using var run = Run.Init(options);
            var quality = 0.5 + (group / (double)Groups * 0.4);
            var noise = new Random(i);
            for (var step = 0; step < Steps; step++)
            {
                var progress = 1 - Math.Exp(-step / 40.0);
                run.Log(new Dictionary<string, double>
                {
                    ["loss"] = (1 - (quality * progress)) + (noise.NextDouble() * 0.05),
                    ["val_loss"] = (1.05 - (quality * progress)) + (noise.NextDouble() * 0.08),
                    ["accuracy"] = (quality * progress) + (noise.NextDouble() * 0.03),
                    ["val_accuracy"] = (quality * progress * 0.97) + (noise.NextDouble() * 0.04),
                    ["auc"] = 0.5 + (quality * progress * 0.5),
                    ["f1"] = (quality * progress * 0.9) + (noise.NextDouble() * 0.02),
                    ["learning_rate"] = 0.1 * Math.Pow(0.99, step),
                    ["epoch"] = step / 20,
                });
            }

            run.Finish();
        });
        return directory;
    }
}
