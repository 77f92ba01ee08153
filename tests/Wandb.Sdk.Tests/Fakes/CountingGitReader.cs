using Wandb.Environment;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>A working copy at <see cref="Root"/> whose state reads take <see cref="Delay"/> and are counted.</summary>
internal sealed class CountingGitReader : IGitReader
{
    private int _reads;

    public CountingGitReader(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public TimeSpan Delay { get; init; }

    public int Reads => Volatile.Read(ref _reads);

    public int? ReadThread { get; private set; }

    public string? FindRoot(string directory) =>
        directory.StartsWith(Root, StringComparison.Ordinal) ? Root : null;

    public GitState? Read(string root)
    {
        Interlocked.Increment(ref _reads);
        ReadThread = System.Environment.CurrentManagedThreadId;
        Thread.Sleep(Delay);
        return new GitState("0123456789abcdef", "main", Dirty: true);
    }
}
