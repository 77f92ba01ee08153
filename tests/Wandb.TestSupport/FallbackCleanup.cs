using Wandb.Storage.Folder;

namespace Wandb.TestSupport;

/// <summary>The fallback folder of a store a test makes unwritable, under the real temp folder: deleted with the test.</summary>
internal sealed class FallbackCleanup : IDisposable
{
    public FallbackCleanup(string store) => Path = FallbackFolder.For(store);

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
