using System.Collections.Concurrent;

namespace Wandb.Environment;

/// <summary>
/// The git state of each repository, read once per process and off the calling thread: <c>git status</c>
/// (for dirtiness) costs a process start, which every <c>Run.Init</c> would otherwise pay again.
/// </summary>
/// <remarks>
/// Long-lived hosts whose repository changes between uses (MSBuild's reused nodes) take a cache of their
/// own per use instead of <see cref="Process"/>.
/// </remarks>
internal sealed class GitStateCache
{
    private static readonly Task<GitState?> NoRepository = Task.FromResult<GitState?>(null);

    private readonly ConcurrentDictionary<string, Lazy<Task<GitState?>>> _byRoot = new(StringComparer.Ordinal);
    private readonly IGitReader _reader;

    public GitStateCache()
        : this(GitReader.Instance)
    {
    }

    public GitStateCache(IGitReader reader)
    {
        _reader = reader;
    }

    /// <summary>The cache every run of this process shares.</summary>
    public static GitStateCache Process { get; } = new();

    /// <summary>
    /// The git state of the repository holding <paramref name="directory"/>: the first call for a repository
    /// starts reading it on a thread of its own, so the caller can do other work before it needs the result;
    /// later calls share that read. Completed with null outside a repository.
    /// </summary>
    public Task<GitState?> Begin(string directory)
    {
        var root = _reader.FindRoot(directory);
        if (root is null)
        {
            return NoRepository;
        }

        // Lazy makes two threads asking at once share one read rather than race to start two.
        return _byRoot.GetOrAdd(root, r => new Lazy<Task<GitState?>>(() => Task.Factory.StartNew(
            () => _reader.Read(r),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default))).Value;
    }
}
