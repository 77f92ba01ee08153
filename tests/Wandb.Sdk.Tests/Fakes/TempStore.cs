using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>A store folder in the temp directory plus the run context that writes into it.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "wandb-sdk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
