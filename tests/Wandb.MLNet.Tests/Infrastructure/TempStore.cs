using Wandb.Storage;

namespace Wandb.MLNet.Tests.Infrastructure;

/// <summary>A run store in a fresh temporary folder, deleted at the end of the test.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wandb-mlnet-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public RunStore Open() => RunStore.Open(Directory);

    public List<StoredRun> Runs() => Open().ListRuns().ToList();

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
}
