namespace Wandb.Storage;

/// <summary>
/// Keeps a store object's index files from being written while a report is read from it, so that writing them costs the
/// report no time on its critical path: the report writer releases the hold on the thread that writes runs.json and
/// summary.md, while the page is written on the other (<see cref="RunStore.HoldIndexWrites"/>). Releasing writes what
/// was held; disposing releases it if nothing did. Releasing twice writes once.
/// </summary>
internal sealed class IndexWriteHold : IDisposable
{
    private Action? _release;

    public IndexWriteHold(Action release) => _release = release;

    /// <summary>A hold of a store that keeps no index files.</summary>
    public static IndexWriteHold None => new(() => { });

    /// <summary>Writes what the hold kept back, now.</summary>
    public void Release() => Interlocked.Exchange(ref _release, null)?.Invoke();

    public void Dispose() => Release();
}
