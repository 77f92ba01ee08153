using Wandb.Build.Tasks.Environment;

namespace Wandb.Build.Tasks.Tests.Fakes;

/// <summary>A project environment in a dictionary, so tests never touch the test process's variables.</summary>
internal sealed class FakeTaskEnvironment : ITaskEnvironment
{
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string?> Snapshot() => new Dictionary<string, string?>(Values, StringComparer.Ordinal);

    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public void Set(string name, string? value)
    {
        if (value is null)
        {
            Values.Remove(name);
        }
        else
        {
            Values[name] = value;
        }
    }
}
