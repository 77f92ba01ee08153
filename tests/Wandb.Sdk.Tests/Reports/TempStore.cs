using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// A real folder store in a temporary folder (<see cref="Fakes.TempStore"/>), filled through
/// <see cref="Run.Init(RunOptions?)"/> one finished or failed run at a time.
/// </summary>
internal sealed class TempStore : IDisposable
{
    private readonly Fakes.TempStore _store = new();

    public string Directory => _store.Root;

    public RunStore Open() => _store.Reader();

    /// <summary>Records one run with <paramref name="summary"/> as explicit summary values; a non-zero exit code fails it.</summary>
    public string AddRun(
        string? group,
        string name,
        IReadOnlyDictionary<string, object?>? summary = null,
        string? jobType = null,
        IReadOnlyDictionary<string, object?>? config = null,
        int exitCode = 0,
        IEnumerable<string>? tags = null,
        string? notes = null,
        Action<Run>? log = null,
        string project = "proj")
    {
        var options = new RunOptions { Project = project, Group = group, Name = name, JobType = jobType, Notes = notes };
        foreach (var tag in tags ?? Array.Empty<string>())
        {
            options.Tags.Add(tag);
        }

        using var run = _store.Init(options);
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

    public void Dispose() => _store.Dispose();
}
