using System.Reflection;
using System.Runtime.Loader;

namespace Wandb.MLNet.Tests.Isolation;

/// <summary>
/// Loads Wandb.Sdk and its dependencies from the test's output folder into a context of their own and
/// records every assembly the runtime asks that context for, so a test can prove which ones were needed.
/// </summary>
internal sealed class RecordingLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly object _gate = new();
    private readonly List<string> _requested = new();

    public RecordingLoadContext(string directory)
        : base("wandb-isolation", isCollectible: true)
    {
        _directory = directory;
    }

    public IReadOnlyList<string> Requested
    {
        get
        {
            lock (_gate)
            {
                return _requested.ToList();
            }
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        lock (_gate)
        {
            _requested.Add(assemblyName.Name ?? string.Empty);
        }

        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
