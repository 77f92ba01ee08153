using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>A real folder store in a temporary folder, filled through <see cref="Run.Init(RunOptions?)"/> with a neutral environment.</summary>
internal sealed class TempStore : IDisposable
{
    private static readonly RunContext Context = new()
    {
        Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?>()),
        Output = new SilentOutput(),
    };

    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wandb-report-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public RunStore Open() => new FolderRunStore(Directory, PhysicalStoreFileSystem.Instance, new SilentOutput(), SystemClock.Instance);

    /// <summary>Records one finished (or failed) run with <paramref name="summary"/> as explicit summary values.</summary>
    public string AddRun(
        string? group,
        string name,
        IReadOnlyDictionary<string, object?>? summary = null,
        string? jobType = null,
        IReadOnlyDictionary<string, object?>? config = null,
        int exitCode = 0,
        IEnumerable<string>? tags = null,
        string? notes = null,
        Action<Run>? log = null)
    {
        var options = new RunOptions { Dir = Directory, Project = "proj", Group = group, Name = name, JobType = jobType, Notes = notes };
        foreach (var tag in tags ?? Array.Empty<string>())
        {
            options.Tags.Add(tag);
        }

        using var run = Run.Init(options, Context with { CurrentDirectory = Directory });
        if (config is not null)
        {
            run.Config.Update(config);
        }

        log?.Invoke(run);
        foreach (var pair in summary ?? new Dictionary<string, object?>())
        {
            run.Summary[pair.Key] = pair.Value;
        }

        run.Finish(exitCode);
        return run.Id;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class SilentOutput : IWandbOutput
    {
        public void Warning(string code, string message)
        {
        }

        public void Info(string message)
        {
        }
    }
}
