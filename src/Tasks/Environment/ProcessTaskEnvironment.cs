using System.Collections;

namespace Wandb.Build.Tasks.Environment;

/// <summary>
/// The MSBuild node's process environment. MSBuild gives each project the environment of the build and
/// restores it between projects, so a variable set here is seen by later <c>Exec</c> calls of the same
/// project only, which is exactly the scope of a tracked target.
/// </summary>
internal sealed class ProcessTaskEnvironment : ITaskEnvironment
{
    public static readonly ProcessTaskEnvironment Instance = new();

    public IReadOnlyDictionary<string, string?> Snapshot()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            values[(string)entry.Key] = entry.Value as string;
        }

        return values;
    }

    public string? Get(string name) => System.Environment.GetEnvironmentVariable(name);

    public void Set(string name, string? value) => System.Environment.SetEnvironmentVariable(name, value);
}
