namespace Wandb.Cli.Tests.Infrastructure;

/// <summary>A temporary folder holding folder stores written through <see cref="Run.Init(RunOptions?)"/>, removed afterwards.</summary>
internal sealed class TempStores : IDisposable
{
    public TempStores()
    {
        Root = Path.Combine(Path.GetTempPath(), "wandb-cli-tests", Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Logs a run of <paramref name="steps"/> rows of loss and accuracy into the store folder <paramref name="store"/>.</summary>
    public string AddRun(string store, string group, string jobType = "fold", int steps = 5, int exitCode = 0, string project = "churn", string? name = null)
    {
        var options = new RunOptions { Dir = PathOf(store), Project = project, Group = group, JobType = jobType, Name = name };
        options.Config["learning_rate"] = 0.1;
        using var run = Run.Init(options);
        for (var step = 0; step < steps; step++)
        {
            run.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["accuracy"] = step / 10.0 });
        }

        run.Finish(exitCode);
        return run.Id;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind costs only disk space.
        }
    }
}
