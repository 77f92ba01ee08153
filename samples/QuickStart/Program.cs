// The smallest use of the SDK: three seeds of one experiment, each a run in one shared group, logging a
// learning curve. Run it twice and you get two groups side by side in the store.
using Wandb;

var group = "quickstart-" + RunId.Generate();
foreach (var seed in new[] { 1, 2, 3 })
{
    using var run = Run.Init(new RunOptions
    {
        Project = "quickstart",
        Group = group,
        JobType = "train",
        Config = { ["seed"] = seed, ["learning_rate"] = 0.1, ["optimizer"] = new Dictionary<string, object?> { ["name"] = "sgd", ["momentum"] = 0.9 } },
    });

    var random = new Random(seed);
    var loss = 1.0;
    for (var epoch = 0; epoch < 20; epoch++)
    {
        loss *= 0.85 + (random.NextDouble() * 0.1);
        run.Log(new Dictionary<string, double> { ["loss"] = loss, ["accuracy"] = 1 - (loss / 2), ["epoch"] = epoch });
    }

    run.Summary["final_loss"] = loss;
    Console.WriteLine($"run {run.Id} (seed {seed}) -> group {run.Group}");
}

Console.WriteLine($"Runs stored in {Wandb.Storage.RunStore.Open().Location}");
