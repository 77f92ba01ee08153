using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.TestSupport;

/// <summary>
/// A real folder store in a fresh temporary folder, with the run context that writes into it (recording the
/// SDK's warnings in <see cref="Output"/>) and a reader of what was written. Deleted at the end of the test.
/// </summary>
internal sealed class TempStore : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public string Root => _folder.Path;

    public RecordingOutput Output { get; } = new();

    public RunContext Context(IReadOnlyDictionary<string, string?>? environment = null, IStoreFileSystem? fileSystem = null, IClock? clock = null, RecorderLimits? limits = null) => new()
    {
        Environment = new DictionaryEnvironmentVariables(environment ?? new Dictionary<string, string?> { ["WANDB_DIR"] = Root, ["WANDB_DISABLE_GIT"] = "true" }),
        Output = Output,
        FileSystem = fileSystem ?? PhysicalStoreFileSystem.Instance,
        Clock = clock ?? SystemClock.Instance,
        CurrentDirectory = Root,
        Limits = limits ?? RecorderLimits.Default,
    };

    public Run Init(RunOptions options, RunContext? context = null)
    {
        options.Dir ??= Root;
        return Run.Init(options, context ?? Context());
    }

    public RunStore Reader() => new FolderRunStore(Root, PhysicalStoreFileSystem.Instance, Output, SystemClock.Instance);

    public List<StoredRun> Runs() => Reader().ListRuns().ToList();

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

        using var run = Init(options);
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

    public void Dispose() => _folder.Dispose();
}
